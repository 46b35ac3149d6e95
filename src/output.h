#ifndef GATE_OUTPUT_H
#define GATE_OUTPUT_H

/*
 * Verdict writers, one per format, in a table like ctags' writers: the
 * text one for people, the others for later pipeline stages.
 */

#include <stdbool.h>

#include "util.h"
#include "verdict.h"

struct output_options {
	bool color;		/* ANSI colours (TTY and no NO_COLOR) */
	bool timings;		/* per-checker timings in text output */
	bool verbose;		/* all notes, not only a count */
};

struct gate_writer {
	const char *name;
	void (*write)(struct strbuf *out, const struct gate_verdict *v,
		      const struct output_options *o);
};

const struct gate_writer *output_find(const char *name);
/* "text, json, ..." for usage messages. */
const char *output_names(void);

void output_text(struct strbuf *out, const struct gate_verdict *v,
		 const struct output_options *o);
void output_json(struct strbuf *out, const struct gate_verdict *v,
		 const struct output_options *o);

/* Short commit id of finding f, or NULL. */
const char *output_commit_of(const struct gate_verdict *v, long commit);

#endif
