#include "progress.h"

#include <stdio.h>
#include <unistd.h>

static void put_stderr(const char *s, size_t n)
{
	ssize_t r = write(STDERR_FILENO, s, n);

	(void)r;	/* a lost progress line is no error */
}

void progress_start(struct gate_progress *p, bool wanted, const char *what,
		    const char *unit, size_t total)
{
	p->on = wanted && total && isatty(STDERR_FILENO);
	p->what = what;
	p->unit = unit;
	p->total = total;
	atomic_init(&p->done, 0);
	atomic_init(&p->shown, -1);
}

void progress_step(struct gate_progress *p)
{
	size_t done;
	int pct, shown;
	char line[128];
	int n;

	if (!p->on)
		return;
	done = atomic_fetch_add(&p->done, 1) + 1;
	/* Not above 100: a caller may count more steps than it foresaw. */
	pct = done >= p->total ? 100 : (int)(done * 100 / p->total);
	shown = atomic_load(&p->shown);
	if (pct <= shown ||
	    !atomic_compare_exchange_strong(&p->shown, &shown, pct))
		return;
	n = snprintf(line, sizeof(line), "\rgate: %s: %3d%% (%zu/%zu %s)",
		     p->what, pct, done, p->total, p->unit);
	if (n > 0)
		put_stderr(line, (size_t)n < sizeof(line) ? (size_t)n :
			   sizeof(line) - 1);
}

void progress_end(struct gate_progress *p)
{
	static const char clear[] = "\r\033[K";

	if (p->on && atomic_load(&p->shown) >= 0)
		put_stderr(clear, sizeof(clear) - 1);
}
