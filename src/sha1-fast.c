/*
 * libcrypto's SHA-1, bound at the first call (see sha1-fast.h).
 */
#include "sha1-fast.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#include <openssl/evp.h>

/* The functions used, typed from the header so a mismatch is an error. */
static struct {
	__typeof__(&EVP_MD_CTX_new) ctx_new;
	__typeof__(&EVP_MD_CTX_free) ctx_free;
	__typeof__(&EVP_sha1) sha1;
	__typeof__(&EVP_DigestInit_ex) init;
	__typeof__(&EVP_DigestUpdate) update;
	__typeof__(&EVP_DigestFinal_ex) final;
	bool ok;
} crypto;
static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;

/* dlsym returns an object pointer; POSIX makes it a function's too. */
static bool load(void *h, const char *name, void *field)
{
	void *p = dlsym(h, name);

	memcpy(field, &p, sizeof(p));
	return p != NULL;
}

static void crypto_load(void)
{
	/* The library gate was linked against when it was configured. */
	void *h = dlopen(GATE_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return;
	crypto.ok = load(h, "EVP_MD_CTX_new", &crypto.ctx_new) &&
		    load(h, "EVP_MD_CTX_free", &crypto.ctx_free) &&
		    load(h, "EVP_sha1", &crypto.sha1) &&
		    load(h, "EVP_DigestInit_ex", &crypto.init) &&
		    load(h, "EVP_DigestUpdate", &crypto.update) &&
		    load(h, "EVP_DigestFinal_ex", &crypto.final);
	/* Kept open: the pointers stay valid until exit. */
}

bool sha1_fast(const void *a, size_t alen, const void *b, size_t blen,
	       unsigned char out[SHA1_FAST_RAWSZ])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;
	EVP_MD_CTX *ctx;
	bool ok;

	pthread_once(&crypto_once, crypto_load);
	if (!crypto.ok || !(ctx = crypto.ctx_new()))
		return false;
	ok = crypto.init(ctx, crypto.sha1(), NULL) == 1 &&
	     crypto.update(ctx, a, alen) == 1 &&
	     crypto.update(ctx, b, blen) == 1 &&
	     crypto.final(ctx, md, &md_len) == 1 &&
	     md_len == SHA1_FAST_RAWSZ;
	crypto.ctx_free(ctx);
	if (ok)
		memcpy(out, md, SHA1_FAST_RAWSZ);
	return ok;
}
