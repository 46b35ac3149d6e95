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
	if (p->on)
		pthread_mutex_init(&p->lock, NULL);
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
	/* Most steps leave the percentage as it was: no lock for them. */
	if (pct <= atomic_load(&p->shown))
		return;
	/*
	 * Checked again under the lock: a worker that computed 66% may get
	 * here after the one that computed 100% printed, and must not
	 * print then (nor may the 100% be dropped because 66% won a race).
	 */
	pthread_mutex_lock(&p->lock);
	shown = atomic_load(&p->shown);
	if (pct > shown) {
		atomic_store(&p->shown, pct);
		n = snprintf(line, sizeof(line),
			     "\rgate: %s: %3d%% (%zu/%zu %s)",
			     p->what, pct, done, p->total, p->unit);
		if (n > 0)
			put_stderr(line, (size_t)n < sizeof(line) ?
				   (size_t)n : sizeof(line) - 1);
	}
	pthread_mutex_unlock(&p->lock);
}

void progress_end(struct gate_progress *p)
{
	static const char clear[] = "\r\033[K";

	if (!p->on)
		return;
	if (atomic_load(&p->shown) >= 0)
		put_stderr(clear, sizeof(clear) - 1);
	pthread_mutex_destroy(&p->lock);
	p->on = false;
}
