/*
 * libFuzzer target for the commit message parser: both flavours, the
 * commit-msg cleanup (with each comment character git may use, "auto"
 * included) and the full rule set, which reads the parse back.  The
 * first input byte picks the comment character and the rule mode.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../checkers/cc-parse.h"
#include "checker.h"
#include "../checkers/commit-title-rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char comment_chars[] = { '#', ';', 0, '@' };
	struct ct_config cfg;
	struct ct_context ctx = { NULL, -1, false };
	struct gate_result res = { 0 };
	struct strbuf clean = STRBUF_INIT;
	struct cc_message m;
	const char *text;
	enum cc_flavour mode;
	char cc;

	if (!size)
		return 0;
	cc = comment_chars[data[0] & 3];
	mode = (data[0] & 4) ? CC_SPEC : CC_COMMITLINT;
	ctx.title = (data[0] & 8) != 0;
	/* A copy without the terminating NUL, so reads past the end show. */
	text = size > 1 ? memcpy(malloc(size - 1), data + 1, size - 1) : "";

	ct_config_defaults(&cfg, mode);
	cfg.sev[CT_BREAKING_CHANGE] = GATE_SEVERITY_WARNING;
	cfg.sev[CT_HEADER_FORMAT] = GATE_SEVERITY_ERROR;
	cc_message_init(&m);

	cc_parse(&m, CC_SPEC, text, size - 1);
	ct_check(&cfg, &m, &ctx, &res);
	cc_parse(&m, CC_COMMITLINT, text, size - 1);
	ct_check(&cfg, &m, &ctx, &res);
	(void)ct_ignored(&cfg, text, size - 1);
	(void)cc_guess_comment_char(text, size - 1);

	cc_cleanup_edit(&clean, text, size - 1, cc);
	cc_parse(&m, mode, clean.buf, clean.len);
	ct_check(&cfg, &m, &ctx, &res);

	cc_message_release(&m);
	gate_result_release(&res);
	strbuf_release(&clean);
	ct_config_release(&cfg);
	if (size > 1)
		free((void *)text);
	return 0;
}
