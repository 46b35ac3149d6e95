#ifndef GATE_SECRETS_SHA256_H
#define GATE_SECRETS_SHA256_H

/*
 * SHA-256 (FIPS 180-4) for secret fingerprints.  A cryptographic hash,
 * not FNV, because a fingerprint is written to verdicts and baseline
 * files that may be public, and must not make a secret easy to recover.
 */

#include <stddef.h>
#include <stdint.h>

struct secrets_sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t buf_len;
};

void secrets_sha256_init(struct secrets_sha256 *c);
void secrets_sha256_update(struct secrets_sha256 *c, const void *data,
			   size_t len);
void secrets_sha256_final(struct secrets_sha256 *c, unsigned char out[32]);

#endif
