/*
 * Skip the network start-up work that libgit2 does for every process.
 *
 * gate reads repositories; it never fetches, pushes or opens a TLS or SSH
 * connection.  Yet libgit2 1.5 as Debian builds it starts its whole
 * network stack inside git_libgit2_init(), which costs more than the rest
 * of a pre-commit run (callgrind, 10-file staged change; see
 * docs/design.md):
 *   - mbedTLS parses the system CA bundle: 53 M instructions, ~6 ms;
 *   - mbedTLS seeds its HAVEGE entropy: 1.1 M instructions;
 *   - libssh2 initialises OpenSSL's engines: 1.0 M instructions.
 *
 * With libgit2 linked dynamically, only the CA bundle can be skipped: this
 * file's mbedtls_x509_crt_parse_file, exported from the executable (see
 * gate.dynlist), takes precedence over mbedTLS's and reports success
 * without parsing.  With libgit2 linked statically, ld's --wrap sends the
 * two global initialisers here instead and neither stack is started.
 *
 * Linked statically, the SSH transport and HTTP Negotiate authentication
 * are wrapped too, so their objects never leave the archive, and with them
 * libssh2, which needs libcrypto, and GSSAPI, which needs six Kerberos
 * libraries.  The dynamic loader would map and bind those eight libraries
 * in every hook (3 M instructions, 1.2 ms; libcrypto alone binds 4,000
 * symbols at load time).  Both stubs answer as libgit2 built without SSH
 * or GSSAPI does.
 *
 * On a libgit2 built another way these functions are never called and
 * this file changes nothing.  configure --disable-ca-bundle-skip leaves it
 * out.
 */

#ifdef GATE_STATIC_LIBGIT2

#include <git2.h>
#include <git2/sys/transport.h>

int __wrap_git_mbedtls_stream_global_init(void);
int __wrap_git_transport_ssh_global_init(void);
int __wrap_git_smart_subtransport_ssh(git_smart_subtransport **out,
				      git_transport *owner, void *param);
int __wrap_git_http_auth_negotiate(void **out, const void *url);

int __wrap_git_mbedtls_stream_global_init(void)
{
	return 0;
}

int __wrap_git_transport_ssh_global_init(void)
{
	return 0;
}

int __wrap_git_smart_subtransport_ssh(git_smart_subtransport **out,
				      git_transport *owner, void *param)
{
	(void)owner;
	(void)param;
	*out = NULL;
	git_error_set_str(GIT_ERROR_SSH, "gate opens no ssh connections");
	return -1;
}

/* An authentication scheme libgit2 was built without: pass over it. */
int __wrap_git_http_auth_negotiate(void **out, const void *url)
{
	(void)url;
	*out = NULL;
	return GIT_PASSTHROUGH;
}

#else

int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

#endif
