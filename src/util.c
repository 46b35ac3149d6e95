#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

char strbuf_empty_[1];

void gate_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gate: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void die_oom(size_t size)
{
	fprintf(stderr, "gate: out of memory allocating %zu bytes\n", size);
	exit(3);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die_oom(nmemb * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrfmt(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb, NULL);
}

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->len = 0;
	sb->alloc = 0;
	sb->buf = strbuf_empty_;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - sb->len - 1)
		die_oom(SIZE_MAX);
	need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	if (!sb->alloc)
		sb->buf = NULL;
	if (need < sb->alloc * 2)
		need = sb->alloc * 2;
	if (need < 64)
		need = 64;
	sb->buf = xrealloc(sb->buf, need);
	if (!sb->alloc)
		sb->buf[0] = '\0';
	sb->alloc = need;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		GATE_BUG("vsnprintf failed for '%s'", fmt);
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len > sb->len)
		GATE_BUG("strbuf_setlen beyond length");
	sb->len = len;
	if (sb->alloc)
		sb->buf[len] = '\0';
}

/* Read until EOF, or fail with EFBIG once more than cap bytes came. */
static int read_fd_capped(struct strbuf *sb, int fd, size_t cap)
{
	for (;;) {
		ssize_t n;

		strbuf_grow(sb, 65536);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		sb->len += (size_t)n;
		if (cap && sb->len > cap) {
			sb->buf[sb->len] = '\0';
			errno = EFBIG;
			return -1;
		}
	}
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_read_fd(struct strbuf *sb, int fd)
{
	return read_fd_capped(sb, fd, 0);
}

int strbuf_read_file(struct strbuf *sb, const char *path, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret, saved;

	if (fd < 0)
		return -1;
	/* The cap is checked while reading: /dev/zero must not eat memory. */
	ret = read_fd_capped(sb, fd, cap);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

uint64_t gate_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	size_t n, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

static uint32_t decode_code_point(const unsigned char *s, size_t n)
{
	static const unsigned char lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	uint32_t cp = s[0] & lead_mask[n];
	size_t i;

	for (i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

/*
 * Code points a terminal acts on: C1 controls (U+0080..U+009F, e.g. CSI)
 * and the bidirectional overrides and isolates that can make a path or a
 * message read differently from what it is ("Trojan Source").
 */
static bool is_control_code_point(const unsigned char *s, size_t n)
{
	uint32_t cp = decode_code_point(s, n);

	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void strbuf_add_printable(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;

		if (p[i] >= 0x20 && p[i] < 0x7f) {
			strbuf_addch(sb, p[i++]);
			continue;
		}
		if (p[i] < 0x80) {
			switch (p[i]) {
			case '\t': strbuf_addstr(sb, "\\t"); break;
			case '\n': strbuf_addstr(sb, "\\n"); break;
			case '\r': strbuf_addstr(sb, "\\r"); break;
			default: strbuf_addf(sb, "\\x%02x", p[i]); break;
			}
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (!n) {
			strbuf_addf(sb, "\\x%02x", p[i++]);
			continue;
		}
		if (is_control_code_point(p + i, n)) {
			strbuf_addf(sb, "\\u%04x", decode_code_point(p + i, n));
			i += n;
			continue;
		}
		strbuf_add(sb, p + i, n);
		i += n;
	}
}

uint64_t fnv1a64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * Newline counting sixteen bytes a lane-wise compare (SSE2 on x86-64,
 * NEON on arm64, through the compiler's generic vectors): each lane
 * counts its own '\n' bytes, at most 255 blocks at a time so no lane
 * wraps, and the lanes are summed at the end.
 */
typedef uint8_t nl_vec __attribute__((vector_size(16)));

static inline nl_vec load_vec(const char *p)
{
	nl_vec v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline size_t sum_lanes(nl_vec acc)
{
	size_t n = 0;
	unsigned k;

	for (k = 0; k < sizeof(acc); k++)
		n += acc[k];
	return n;
}

/*
 * The '\n' bytes of the eight bytes at p, for short steps where summing
 * vector lanes costs more: x has a zero byte exactly where p has '\n',
 * the high bit of each byte of ~t is set exactly for the zero bytes of
 * x (no carry crosses a byte), and the multiply adds the 0/1 bytes into
 * the top one.
 */
static inline unsigned newlines_in_word(const char *p)
{
	const uint64_t low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
	uint64_t w, x, t;

	memcpy(&w, p, sizeof(w));
	x = w ^ UINT64_C(0x0a0a0a0a0a0a0a0a);
	t = ((x & low7) + low7) | x;
	return (unsigned)((((~t >> 7) & UINT64_C(0x0101010101010101)) *
			   UINT64_C(0x0101010101010101)) >> 56);
}

/* The '\n' bytes of the 16 * BLOCKS bytes at p; BLOCKS at most 255. */
static inline size_t newlines_in_blocks(const char *p, size_t blocks)
{
	const nl_vec nl = { '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
			    '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n' };
	nl_vec acc = { 0 };
	size_t b;

	for (b = 0; b < blocks; b++)
		acc -= (nl_vec)(load_vec(p + 16 * b) == nl);
	return sum_lanes(acc);
}

size_t count_newlines(const char *p, size_t len)
{
	size_t n = 0, i = 0;

	while (len - i >= 16) {
		size_t blocks = (len - i) / 16;

		if (blocks > 255)
			blocks = 255;
		n += newlines_in_blocks(p + i, blocks);
		i += 16 * blocks;
	}
	for (; i < len; i++)
		n += p[i] == '\n';
	return n;
}

const char *skip_lines(const char *p, const char *end, size_t n,
		       size_t *skipped)
{
	size_t want = n;

	/* B bytes hold at most B newlines: with more to skip, the Nth
	 * cannot end inside them.  Large steps first: the lanes are summed
	 * once a step. */
	while (n > 16 * 255 && end - p >= 16 * 255) {
		n -= newlines_in_blocks(p, 255);
		p += 16 * 255;
	}
	while (n > 64 && end - p >= 64) {
		n -= newlines_in_blocks(p, 4);
		p += 64;
	}
	while (n > 8 && end - p >= 8) {
		n -= newlines_in_word(p);
		p += 8;
	}
	while (n && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl) {
			p = end;
			break;
		}
		p = nl + 1;
		n--;
	}
	if (skipped)
		*skipped = want - n;
	return p;
}
