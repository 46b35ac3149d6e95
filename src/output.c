#include <string.h>

#include "output.h"

void output_sarif(struct strbuf *out, const struct gate_verdict *v,
		  const struct output_options *o);
void output_junit(struct strbuf *out, const struct gate_verdict *v,
		  const struct output_options *o);
void output_github(struct strbuf *out, const struct gate_verdict *v,
		   const struct output_options *o);

static const struct gate_writer writers[] = {
	{ "text", output_text },
	{ "json", output_json },
	{ "sarif", output_sarif },
	{ "junit", output_junit },
	{ "github", output_github },
};

const struct gate_writer *output_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(writers); i++)
		if (!strcmp(writers[i].name, name))
			return &writers[i];
	return NULL;
}

const char *output_names(void)
{
	return "text, json, sarif, junit, github";
}
