#ifndef GATE_PROGRESS_H
#define GATE_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * A progress line on stderr for long scans (`gate scan --history`):
 * "gate: WHAT: 42% (i/n UNIT)".  Drawn only when asked for and stderr
 * is a terminal, so hooks, pipes and CI logs never get one.  Any thread
 * may step it; whichever moves the percentage on prints it, in one
 * write under a lock, so lines of two workers never interleave and a
 * line never goes back to a lower percentage.
 */
struct gate_progress {
	bool on;
	const char *what, *unit;
	size_t total;
	atomic_size_t done;
	atomic_int shown;	/* last percentage printed, or -1 */
	pthread_mutex_t lock;	/* held to print; initialised when on */
};

void progress_start(struct gate_progress *p, bool wanted, const char *what,
		    const char *unit, size_t total);
void progress_step(struct gate_progress *p);
/* Clears the line if one was drawn; call once after progress_start. */
void progress_end(struct gate_progress *p);

#endif
