// The ICU boundary of Huashu. Every ICU call the package makes goes through this
// header, so that no Swift file sees ICU's version-renamed symbols.
#ifndef HUASHU_ICU_H
#define HUASHU_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Kinds of break iterator.
enum { HS_BREAK_WORD = 0, HS_BREAK_SENTENCE = 1 };

/// Word kinds reported by hs_break_boundaries (ICU's UWordBreak rule status, bucketed).
enum { HS_WORD_NONE = 0, HS_WORD_NUMBER = 1, HS_WORD_LETTER = 2, HS_WORD_KANA = 3, HS_WORD_IDEO = 4 };

typedef struct hs_breaker hs_breaker;
typedef struct hs_translit hs_translit;

/// Opens a break iterator of `kind` for `locale` ("zh"). Returns NULL and sets *error on failure.
hs_breaker *hs_breaker_open(int32_t kind, const char *locale, char *error, int32_t errorCapacity);
/// A thread-private copy of `prototype`.
hs_breaker *hs_breaker_clone(const hs_breaker *prototype, char *error, int32_t errorCapacity);
void hs_breaker_close(hs_breaker *breaker);

/// Segments UTF-16 `text` and writes the boundaries (UTF-16 offsets, including 0 and
/// `length`) to `boundaries`, and the kind of the segment ending at each boundary
/// (HS_WORD_*) to `kinds` when it is not NULL. Returns the number of boundaries, or
/// -1 on ICU error, or a number larger than `capacity` when the buffers are too small.
int32_t hs_breaker_boundaries(hs_breaker *breaker, const uint16_t *text, int32_t length,
                              int32_t *boundaries, int32_t *kinds, int32_t capacity);

/// NFKC with case folding (NFKC_Casefold). Writes to `dest`; returns the needed length,
/// or -1 on error. Callers retry with a larger buffer when the result exceeds `capacity`.
int32_t hs_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/// Opens a transliterator such as "Hant-Hans".
hs_translit *hs_translit_open(const char *id, char *error, int32_t errorCapacity);
void hs_translit_close(hs_translit *translit);
/// Transliterates `text` in place. Returns the new length, or -1 on error, or a
/// number larger than `capacity` when the buffer is too small.
int32_t hs_translit_apply(const hs_translit *translit, uint16_t *text, int32_t length, int32_t capacity);

/// Writes the source set of `translit` (the characters it may change) as inclusive
/// [start, end] code point pairs to `ranges`. Returns the number of pairs, -1 on error,
/// or a number larger than `capacity` (in pairs) when the buffer is too small.
int32_t hs_translit_source_ranges(const hs_translit *translit, uint32_t *ranges, int32_t capacity);

/// The ICU version, e.g. "72.1".
void hs_icu_version(char *buffer, int32_t capacity);

/// Counts word boundaries in UTF-8 text with a single ICU word-break pass (UText over
/// the bytes, no conversion). The benchmark's floor. Returns -1 on error.
int64_t hs_count_word_boundaries_utf8(const char *utf8, int64_t length, const char *locale);

#ifdef __cplusplus
}
#endif
#endif
