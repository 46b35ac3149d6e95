#ifndef GATE_UTIL_H
#define GATE_UTIL_H

/*
 * Small helpers every part of gate uses: allocation that never returns
 * NULL (gate is a command-line tool, so running out of memory ends the
 * run with a message), a growable string buffer in the spirit of git's
 * strbuf, and the GATE_BUG macro for broken invariants.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GATE_BUG(...) gate_bug(__FILE__, __LINE__, __VA_ARGS__)
void gate_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Grow an array so that it holds at least `nr` elements; `alloc` tracks
 * the capacity.  Same contract as git's ALLOC_GROW.
 */
#define ALLOC_GROW(arr, nr, alloc) \
	do { \
		if ((size_t)(nr) > (size_t)(alloc)) { \
			size_t gate_new_alloc_ = (alloc) ? (alloc) * 2 : 8; \
			if (gate_new_alloc_ < (size_t)(nr)) \
				gate_new_alloc_ = (nr); \
			(arr) = xrealloc((arr), gate_new_alloc_ * sizeof(*(arr))); \
			(alloc) = gate_new_alloc_; \
		} \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A NUL-terminated, length-counted, growable buffer.  `buf` is never
 * NULL once initialised with STRBUF_INIT or strbuf_init().
 */
struct strbuf {
	size_t len;
	size_t alloc;
	char *buf;
};

extern char strbuf_empty_[];
#define STRBUF_INIT { 0, 0, strbuf_empty_ }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);

/* Read a whole file; returns 0, or -1 with errno set (EFBIG as soon as
 * more than cap bytes were read, when cap is not 0). */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t cap);
/* Read a whole stream until EOF; returns 0 or -1. */
int strbuf_read_fd(struct strbuf *sb, int fd);

bool starts_with(const char *s, const char *prefix);
bool ends_with(const char *s, const char *suffix);

/* Monotonic clock in nanoseconds, for the per-checker timings. */
uint64_t gate_now_ns(void);

/* Length of the UTF-8 sequence at s (at most avail bytes), or 0 when it
 * is not valid: overlongs, surrogates and truncated sequences are not. */
size_t utf8_seq_len(const unsigned char *s, size_t avail);

/* True when the bytes are valid UTF-8 (overlongs and surrogates rejected). */
bool utf8_valid(const char *s, size_t len);

/*
 * Write `s` to `sb` with C0 and C1 controls, bidirectional overrides and
 * invalid UTF-8 escaped, so a hostile path or message cannot inject
 * terminal escapes into output or read as something it is not.
 */
void strbuf_add_printable(struct strbuf *sb, const char *s, size_t len);

/* 64-bit FNV-1a, for fingerprints that need no cryptographic strength. */
uint64_t fnv1a64(const void *data, size_t len, uint64_t seed);

/*
 * Line walking for whole-file subjects, many bytes a step: the number
 * of '\n' bytes in P[0..LEN), and the position just past the Nth '\n'
 * at or after P (END when there are fewer; then *SKIPPED, when not NULL,
 * says how many there were, else N).
 */
size_t count_newlines(const char *p, size_t len);
const char *skip_lines(const char *p, const char *end, size_t n,
		       size_t *skipped);
#define FNV1A64_SEED 0xcbf29ce484222325ULL

#endif
