/*
 * Skip the CA bundle that Debian's libgit2 parses at start-up.
 *
 * libgit2 1.5 as Debian builds it (with mbedTLS) loads and parses the
 * whole system CA bundle inside git_libgit2_init(): about 140
 * certificates, 53 million instructions, 6 ms, which is more than the
 * whole rest of a pre-commit run (measured with callgrind; see
 * docs/design.md).  gate never opens a network connection, so those
 * certificates are never used.  This definition, exported from the
 * executable (see gate.dynlist), takes precedence over mbedTLS's in the
 * dynamic linker's lookup (or, with libgit2 linked statically, ld's
 * --wrap sends the call here), and reports success without parsing.
 *
 * On a libgit2 built with OpenSSL or without TLS the function is never
 * called and this file changes nothing.  configure's
 * --disable-ca-bundle-skip leaves it out.
 */

#ifdef GATE_STATIC_LIBGIT2
/* Statically linked, the call is redirected here by ld's --wrap. */
#define mbedtls_x509_crt_parse_file __wrap_mbedtls_x509_crt_parse_file
#endif

int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}
