// icu-floor FILE: one ICU word-break pass (locale zh) over FILE, the floor that
// `huashu check` is measured against. Prints bytes, boundaries, seconds and MB/s.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "huashu_icu.h"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: icu-floor FILE\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) { fprintf(stderr, "read failed\n"); return 2; }
    fclose(f);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int64_t n = hs_count_word_boundaries_utf8(data, size, "zh");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (n < 0) { fprintf(stderr, "ICU error\n"); return 1; }
    printf("{\"bytes\": %ld, \"boundaries\": %lld, \"seconds\": %.4f, \"mb_per_s\": %.2f}\n",
           size, (long long)n, secs, (double)size / 1e6 / secs);
    free(data);
    return 0;
}
