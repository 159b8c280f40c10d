#ifndef SEEDWATCH_CCURL_SHIM_H
#define SEEDWATCH_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are variadic and so unavailable in
// Swift. One typed wrapper per argument kind keeps the unsafe part to this header.
static inline CURLcode sw_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*sw_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode sw_easy_setopt_write_callback(CURL *h, CURLoption o, sw_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sw_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sw_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sw_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
// CURLOPT_DEBUGFUNCTION (with CURLOPT_VERBOSE): the protocol lines sent and received.
typedef int (*sw_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userptr);
static inline CURLcode sw_easy_setopt_debug_callback(CURL *h, sw_debug_callback v) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, v); }
static inline CURLcode sw_easy_setopt_header_callback(CURL *h, sw_write_callback v) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, v); }
static inline CURLMcode sw_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
// The result of a finished transfer (CURLMSG_DONE); the union member is awkward to read from Swift.
static inline CURLcode sw_multi_msg_result(const CURLMsg *msg) { return msg->data.result; }
#endif
