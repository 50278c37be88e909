#include "huashu_icu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uclean.h>
#include <unicode/uset.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

struct hs_breaker { UBreakIterator *iterator; };
struct hs_translit { UTransliterator *transliterator; };

static void report(char *error, int32_t capacity, const char *what, UErrorCode status) {
    if (error && capacity > 0) snprintf(error, (size_t)capacity, "%s: %s", what, u_errorName(status));
}

hs_breaker *hs_breaker_open(int32_t kind, const char *locale, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(kind == HS_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD,
                                   locale, NULL, 0, &status);
    if (U_FAILURE(status)) { report(error, errorCapacity, "ubrk_open", status); return NULL; }
    hs_breaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); return NULL; }
    b->iterator = it;
    return b;
}

hs_breaker *hs_breaker_clone(const hs_breaker *prototype, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_clone(prototype->iterator, &status);
    if (U_FAILURE(status)) { report(error, errorCapacity, "ubrk_clone", status); return NULL; }
    hs_breaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); return NULL; }
    b->iterator = it;
    return b;
}

void hs_breaker_close(hs_breaker *breaker) {
    if (!breaker) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

static int32_t word_kind(int32_t status) {
    if (status >= UBRK_WORD_IDEO) return HS_WORD_IDEO;
    if (status >= UBRK_WORD_KANA) return HS_WORD_KANA;
    if (status >= UBRK_WORD_LETTER) return HS_WORD_LETTER;
    if (status >= UBRK_WORD_NUMBER) return HS_WORD_NUMBER;
    return HS_WORD_NONE;
}

int32_t hs_breaker_boundaries(hs_breaker *breaker, const uint16_t *text, int32_t length,
                              int32_t *boundaries, int32_t *kinds, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    for (int32_t p = ubrk_first(breaker->iterator); p != UBRK_DONE; p = ubrk_next(breaker->iterator)) {
        if (count < capacity) {
            boundaries[count] = p;
            if (kinds) kinds[count] = word_kind(ubrk_getRuleStatus(breaker->iterator));
        }
        count++;
    }
    // Detach the caller's buffer so the iterator never points at freed memory.
    static const UChar empty[1] = {0};
    ubrk_setText(breaker->iterator, empty, 0, &status);
    return count;
}

int32_t hs_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t needed = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dest, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}

hs_translit *hs_translit_open(const char *id, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar uid[64];
    int32_t n = 0;
    for (; id[n] && n < 63; n++) uid[n] = (UChar)(unsigned char)id[n];
    UTransliterator *t = utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) { report(error, errorCapacity, "utrans_openU", status); return NULL; }
    hs_translit *h = malloc(sizeof *h);
    if (!h) { utrans_close(t); return NULL; }
    h->transliterator = t;
    return h;
}

void hs_translit_close(hs_translit *translit) {
    if (!translit) return;
    utrans_close(translit->transliterator);
    free(translit);
}

int32_t hs_translit_apply(const hs_translit *translit, uint16_t *text, int32_t length, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t len = length, limit = length;
    utrans_transUChars(translit->transliterator, (UChar *)text, &len, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return len > capacity ? len : capacity + 1;
    if (U_FAILURE(status)) return -1;
    return len;
}

int32_t hs_translit_source_ranges(const hs_translit *translit, uint32_t *ranges, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    USet *set = uset_openEmpty();
    utrans_getSourceSet(translit->transliterator, false, set, &status);
    if (U_FAILURE(status)) { uset_close(set); return -1; }
    int32_t n = uset_getRangeCount(set);
    for (int32_t i = 0; i < n && i < capacity; i++) {
        UChar32 start, end;
        UErrorCode s = U_ZERO_ERROR;
        uset_getItem(set, i, &start, &end, NULL, 0, &s);
        ranges[2 * i] = (uint32_t)start;
        ranges[2 * i + 1] = (uint32_t)end;
    }
    uset_close(set);
    return n;
}

void hs_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo v;
    u_getVersion(v);
    char tmp[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, tmp);
    snprintf(buffer, (size_t)capacity, "%s", tmp);
}

int64_t hs_count_word_boundaries_utf8(const char *utf8, int64_t length, const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, utf8, length, &status);
    if (U_FAILURE(status)) return -1;
    UBreakIterator *it = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) { utext_close(ut); return -1; }
    ubrk_setUText(it, ut, &status);
    int64_t count = 0;
    if (U_SUCCESS(status)) {
        for (int32_t p = ubrk_first(it); p != UBRK_DONE; p = ubrk_next(it)) count++;
    }
    ubrk_close(it);
    utext_close(ut);
    return U_SUCCESS(status) ? count : -1;
}
