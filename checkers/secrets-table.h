#ifndef GATE_SECRETS_TABLE_H
#define GATE_SECRETS_TABLE_H

/*
 * Credentials in tables: a CSV or TSV file names a column once, in its
 * header (url,username,password), and each row holds only a value, so
 * no rule sees a key beside it.  A browser's or a password manager's
 * export committed by mistake looks so.  The table view rewrites each
 * cell of a column whose header names a credential as one line
 *
 *     <header> = "<cell>"
 *
 * that the pack's quoted generic rules read like any assignment, and
 * keeps, for each line of the view, the line of the file it came from.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct secrets_table_view {
	struct strbuf text;
	uint32_t *lines;	/* per line of text: its row's line, 1-based */
	size_t lines_nr, lines_alloc;
};

/* Files read as tables: *.csv, *.tsv, *.psv (any case). */
bool secrets_table_path(const char *path);

/*
 * Build the view of text[0, len) into *view (initialised by the caller
 * with SECRETS_TABLE_VIEW_INIT).  Returns the number of cells written:
 * 0 when the first line is no header naming a credential.
 */
size_t secrets_table_view(struct secrets_table_view *view, const char *text,
			  size_t len);

#define SECRETS_TABLE_VIEW_INIT { STRBUF_INIT, NULL, 0, 0 }

void secrets_table_view_release(struct secrets_table_view *view);

#endif
