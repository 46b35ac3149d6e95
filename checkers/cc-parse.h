#ifndef GATE_CC_PARSE_H
#define GATE_CC_PARSE_H

/*
 * Conventional Commits message parsing, in two flavours, because the
 * peers disagree on what a message is made of:
 *
 *   CC_SPEC        the Conventional Commits 1.0.0 grammar read strictly:
 *                  `type[(scope)][!]: description`, a body one blank line
 *                  after the header, and footers (`Token: value`,
 *                  `Token #value`, `BREAKING CHANGE: value`) from the first
 *                  paragraph that starts with a footer token to the end; a
 *                  footer value runs until the next token line.
 *   CC_COMMITLINT  what commitlint 20 with config-conventional sees: the
 *                  conventional-commits-parser 6 algorithm (gpg lines
 *                  dropped, header `^(\w*)(?:\((.*)\))?!?: (.*)$`, the body
 *                  ends at the first line carrying an issue reference or a
 *                  BREAKING CHANGE note, everything after is "footer").
 *
 * Pure C on bytes; no allocation failure paths (x* helpers abort).  The
 * input need not be NUL-terminated and may contain anything: invalid
 * UTF-8 and NUL bytes are parsed as opaque bytes (callers report them).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum cc_flavour {
	CC_SPEC,
	CC_COMMITLINT,
};

enum cc_header_status {
	CC_HEADER_OK,
	CC_HEADER_EMPTY,	/* no header line at all */
	CC_HEADER_NO_TYPE,	/* nothing before '(' or ':' */
	CC_HEADER_BAD_FORMAT,	/* not `type(scope)!: description` */
	CC_HEADER_BAD_SCOPE,	/* empty or unbalanced parentheses */
	CC_HEADER_NO_DESCRIPTION,	/* nothing after ": " */
};

struct cc_footer {
	char *token;		/* "Refs", "BREAKING CHANGE", ... as written */
	char *value;		/* may span lines; "#123" for `Token #123` */
	uint32_t line;		/* 1-based line of the token in the text */
	bool breaking;		/* upper-case BREAKING CHANGE / BREAKING-CHANGE */
};

struct cc_message {
	enum cc_flavour flavour;
	enum cc_header_status status;
	char *header;		/* first line; NULL when there is none */
	char *type;		/* NULL when absent or empty */
	char *scope;		/* as written, e.g. "core,api"; NULL if none */
	char *subject;		/* description; NULL when absent or empty */
	bool bang;		/* '!' before the colon */
	bool breaking;		/* bang or a breaking footer / note */
	/*
	 * Body and footer text, lines joined with '\n'.  NULL when absent;
	 * the commitlint flavour may also give "" (a body of blank lines),
	 * which its rules treat as absent, as commitlint does.
	 */
	char *body;
	char *footer;
	struct cc_footer *footers;	/* CC_SPEC only */
	size_t footers_nr, footers_alloc;
	/* CC_SPEC: line 2 exists and is not blank. */
	bool body_not_blank_separated;
	bool crlf;		/* the text used CRLF line ends */
	/* The text as given, borrowed, for rules that read raw lines. */
	const char *raw;
	size_t raw_len;
};

/* Parse `len` bytes of `text`.  Never fails; `out` is released first. */
void cc_parse(struct cc_message *out, enum cc_flavour flavour,
	      const char *text, size_t len);
void cc_message_init(struct cc_message *m);
void cc_message_release(struct cc_message *m);

/*
 * What git records from a commit-msg file in its default "strip" cleanup:
 * everything from the scissors line of `git commit -v` on is cut, comment
 * lines (starting with `comment_char`) are dropped, trailing whitespace is
 * trimmed and runs of blank lines collapse, as strbuf_stripspace() does.
 * comment_char 0 means core.commentChar=auto not yet resolved: the
 * character is then guessed from the text (see cc_guess_comment_char).
 */
void cc_cleanup_edit(struct strbuf *out, const char *text, size_t len,
		     char comment_char);

/*
 * core.commentChar=auto: git picks the first of "#;@!$%^&|:" that no line
 * of the message starts with, then writes its template comments with it.
 * From the file alone, the chosen character is one of the leading run of
 * candidates that do start lines; git appends its comments after the
 * message, so the one that starts the last non-blank line wins.  Returns
 * 0 when no line starts with a candidate (nothing to strip).
 */
char cc_guess_comment_char(const char *text, size_t len);

/*
 * Length of the line in JavaScript string units (UTF-16 code units),
 * which is what commitlint's max-length rules count; and in code points,
 * which is what a person counts.
 */
size_t cc_utf16_len(const char *s, size_t len);
size_t cc_codepoint_len(const char *s, size_t len);

/* True when `line` contains a URL as commitlint's max-line-length sees
 * one (`\bhttps?://\S+`), so long links never trip a length rule. */
bool cc_line_has_url(const char *line, size_t len);

/* Whitespace as JavaScript's \s sees it, on UTF-8; returns its byte length
 * at s (0 when s does not start with whitespace). */
size_t cc_js_space(const char *s, size_t len);

#endif
