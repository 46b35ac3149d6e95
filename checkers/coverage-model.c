#include "coverage-model.h"

#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {
	[COV_FORMAT_AUTO] = "auto",
	[COV_FORMAT_LCOV] = "lcov",
	[COV_FORMAT_COBERTURA] = "cobertura",
	[COV_FORMAT_JACOCO] = "jacoco",
	[COV_FORMAT_GO] = "go",
	[COV_FORMAT_GCOV_JSON] = "gcov-json",
};

const char *cov_format_name(enum cov_format f)
{
	if ((size_t)f >= ARRAY_SIZE(format_names))
		GATE_BUG("unknown coverage format %d", (int)f);
	return format_names[f];
}

int cov_format_parse(const char *s, enum cov_format *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(format_names); i++)
		if (!strcmp(s, format_names[i])) {
			*out = (enum cov_format)i;
			return 0;
		}
	return -1;
}

void cov_model_init(struct cov_model *m)
{
	memset(m, 0, sizeof(*m));
}

static void file_free(struct cov_file *f)
{
	free(f->path);
	free(f->unmatched);
	free(f->base);
	free(f->lines);
	free(f->blocks);
	free(f);
}

void cov_model_release(struct cov_model *m)
{
	size_t i;

	for (i = 0; i < m->nr; i++)
		file_free(m->files[i]);
	free(m->files);
	free(m->slots);
	cov_model_init(m);
}

static size_t path_hash(const char *path)
{
	return (size_t)fnv1a64(path, strlen(path), FNV1A64_SEED);
}

static void rehash(struct cov_model *m)
{
	size_t i, n = m->slots_nr ? m->slots_nr * 2 : 64;

	free(m->slots);
	m->slots = xcalloc(n, sizeof(*m->slots));
	m->slots_nr = n;
	for (i = 0; i < m->nr; i++) {
		size_t h = path_hash(m->files[i]->path) & (n - 1);
		while (m->slots[h])
			h = (h + 1) & (n - 1);
		m->slots[h] = i + 1;
	}
}

static size_t *find_slot(const struct cov_model *m, const char *path)
{
	size_t h;

	if (!m->slots_nr)
		return NULL;
	h = path_hash(path) & (m->slots_nr - 1);
	while (m->slots[h]) {
		if (!strcmp(m->files[m->slots[h] - 1]->path, path))
			break;
		h = (h + 1) & (m->slots_nr - 1);
	}
	return &m->slots[h];
}

const struct cov_file *cov_model_find(const struct cov_model *m,
				      const char *path)
{
	size_t *slot = find_slot(m, path);

	return slot && *slot ? m->files[*slot - 1] : NULL;
}

struct cov_file *cov_model_file(struct cov_model *m, const char *path)
{
	size_t *slot = find_slot(m, path);
	struct cov_file *f;

	if (slot && *slot)
		return m->files[*slot - 1];
	if ((m->nr + 1) * 2 > m->slots_nr) {
		rehash(m);
		slot = find_slot(m, path);
	}
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(path);
	f->sorted = true;
	ALLOC_GROW(m->files, m->nr + 1, m->alloc);
	m->files[m->nr++] = f;
	*slot = m->nr;
	m->finalized = false;
	return f;
}

uint64_t cov_add_sat(struct cov_model *m, uint64_t a, uint64_t b)
{
	if (a > UINT64_MAX - b) {
		m->saturated = true;
		return UINT64_MAX;
	}
	return a + b;
}

void cov_file_add_line(struct cov_model *m, struct cov_file *f,
		       uint32_t line, uint64_t hits)
{
	struct cov_line *l;

	if (f->lines_nr && f->lines[f->lines_nr - 1].line >= line) {
		/* Reports list lines in order almost always; merge the
		 * common repeat in place and sort later otherwise. */
		if (f->lines[f->lines_nr - 1].line == line) {
			l = &f->lines[f->lines_nr - 1];
			l->hits = cov_add_sat(m, l->hits, hits);
			return;
		}
		f->sorted = false;
	}
	ALLOC_GROW(f->lines, f->lines_nr + 1, f->lines_alloc);
	l = &f->lines[f->lines_nr++];
	l->line = line;
	l->hits = hits;
	m->finalized = false;
}

void cov_file_add_block(struct cov_file *f, const struct cov_block *b)
{
	ALLOC_GROW(f->blocks, f->blocks_nr + 1, f->blocks_alloc);
	f->blocks[f->blocks_nr++] = *b;
}

void cov_file_absorb(struct cov_model *m, struct cov_file *dst,
		     struct cov_file *src)
{
	size_t i;

	if (!dst->lines_nr && !dst->blocks_nr) {
		/* The usual case, one report per file: move, not copy. */
		free(dst->lines);
		free(dst->blocks);
		dst->lines = src->lines;
		dst->lines_nr = src->lines_nr;
		dst->lines_alloc = src->lines_alloc;
		dst->blocks = src->blocks;
		dst->blocks_nr = src->blocks_nr;
		dst->blocks_alloc = src->blocks_alloc;
		dst->sorted = src->sorted;
		dst->set_mode = src->set_mode;
		src->lines = NULL;
		src->blocks = NULL;
	} else {
		ALLOC_GROW(dst->lines, dst->lines_nr + src->lines_nr,
			   dst->lines_alloc);
		if (src->lines_nr)
			memcpy(dst->lines + dst->lines_nr, src->lines,
			       src->lines_nr * sizeof(*src->lines));
		dst->lines_nr += src->lines_nr;
		dst->sorted = false;
		for (i = 0; i < src->blocks_nr; i++)
			cov_file_add_block(dst, &src->blocks[i]);
		dst->set_mode = dst->set_mode && src->set_mode;
		free(src->lines);
		free(src->blocks);
		src->lines = NULL;
		src->blocks = NULL;
	}
	src->lines_nr = src->lines_alloc = 0;
	src->blocks_nr = src->blocks_alloc = 0;
	m->finalized = false;
}

static int line_cmp(const void *a, const void *b)
{
	const struct cov_line *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

static int block_cmp(const void *a, const void *b)
{
	const struct cov_block *x = a, *y = b;

	if (x->start_line != y->start_line)
		return x->start_line < y->start_line ? -1 : 1;
	if (x->start_col != y->start_col)
		return x->start_col < y->start_col ? -1 : 1;
	if (x->end_line != y->end_line)
		return x->end_line < y->end_line ? -1 : 1;
	if (x->end_col != y->end_col)
		return x->end_col < y->end_col ? -1 : 1;
	return 0;
}

static void merge_lines(struct cov_model *m, struct cov_file *f)
{
	size_t i, j = 0;

	if (!f->sorted)
		qsort(f->lines, f->lines_nr, sizeof(*f->lines), line_cmp);
	f->sorted = true;
	for (i = 0; i < f->lines_nr; i++) {
		if (j && f->lines[j - 1].line == f->lines[i].line)
			f->lines[j - 1].hits = cov_add_sat(m,
				f->lines[j - 1].hits, f->lines[i].hits);
		else
			f->lines[j++] = f->lines[i];
	}
	f->lines_nr = j;
}

static int merge_blocks(struct cov_model *m, struct cov_file *f,
			struct strbuf *err)
{
	size_t i, j = 0;
	uint32_t l;

	qsort(f->blocks, f->blocks_nr, sizeof(*f->blocks), block_cmp);
	for (i = 0; i < f->blocks_nr; i++) {
		struct cov_block *b = &f->blocks[i];
		struct cov_block *last = j ? &f->blocks[j - 1] : NULL;

		if (last && !block_cmp(last, b)) {
			/* As golang.org/x/tools/cover: the same block
			 * twice (tests of several packages with
			 * -coverpkg) ORs in set mode and adds otherwise. */
			if (last->stmts != b->stmts) {
				strbuf_addf(err, "'%s': block %u.%u,%u.%u "
					    "repeats with %u statements "
					    "instead of %u", f->path,
					    b->start_line, b->start_col,
					    b->end_line, b->end_col,
					    b->stmts, last->stmts);
				return -1;
			}
			if (f->set_mode)
				last->count = last->count || b->count;
			else
				last->count = cov_add_sat(m, last->count,
							  b->count);
			continue;
		}
		f->blocks[j++] = *b;
	}
	f->blocks_nr = j;
	f->units = f->units_covered = 0;
	for (i = 0; i < f->blocks_nr; i++) {
		const struct cov_block *b = &f->blocks[i];

		f->units += b->stmts;
		if (b->count)
			f->units_covered += b->stmts;
		if (!b->stmts)
			continue;
		for (l = b->start_line; l <= b->end_line; l++)
			cov_file_add_line(m, f, l, b->count);
	}
	return 0;
}

int cov_model_finalize(struct cov_model *m, struct strbuf *err)
{
	size_t i, k;

	if (m->finalized)
		return 0;
	for (i = 0; i < m->nr; i++) {
		struct cov_file *f = m->files[i];
		bool from_blocks = f->blocks_nr > 0;

		if (from_blocks) {
			/* Lines are derived from the blocks anew. */
			f->lines_nr = 0;
			f->sorted = true;
			if (merge_blocks(m, f, err) < 0)
				return -1;
		}
		merge_lines(m, f);
		if (from_blocks)
			continue;
		f->units = f->lines_nr;
		f->units_covered = 0;
		for (k = 0; k < f->lines_nr; k++)
			if (f->lines[k].hits)
				f->units_covered++;
	}
	m->finalized = true;
	return 0;
}

const struct cov_line *cov_file_line(const struct cov_file *f,
				     uint32_t line)
{
	size_t lo = 0, hi = f->lines_nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->lines_nr && f->lines[lo].line == line)
		return &f->lines[lo];
	return NULL;
}

void cov_model_totals(const struct cov_model *m, uint64_t *units,
		      uint64_t *covered)
{
	size_t i;

	*units = *covered = 0;
	for (i = 0; i < m->nr; i++) {
		*units += m->files[i]->units;
		*covered += m->files[i]->units_covered;
	}
}
