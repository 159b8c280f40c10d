#ifndef SEEDWATCH_CZLIB_SHIM_H
#define SEEDWATCH_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro (it passes ZLIB_VERSION and sizeof(z_stream)), so Swift cannot call it.
// windowBits 15 + 16: a 32 KiB window, gzip wrapper only (RFC 1952), no zlib or raw deflate.
static inline int sw_inflate_init_gzip(z_streamp stream) { return inflateInit2(stream, 15 + 16); }
#endif
