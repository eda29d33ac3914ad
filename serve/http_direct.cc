// LoadHttpTransport without RECITAL_STATIC: the transport (http_transport.cc) is linked into
// `recital` with cpp-httplib's shared library, as every other library is in such builds.
#include "serve/http_abi.h"

extern "C" {
void* recital_http_create_v1(const recital_http_config_v1* config, recital_http_handler_v1 handler,
                             void* user, int* bound_port, char* error, size_t error_size);
int recital_http_run_v1(void* server);
void recital_http_stop_v1(void* server);
void recital_http_destroy_v1(void* server);
}

namespace recital::serve {

const HttpTransport* LoadHttpTransport(std::string* /*error*/) {
  static const HttpTransport transport{&recital_http_create_v1, &recital_http_run_v1,
                                       &recital_http_stop_v1, &recital_http_destroy_v1};
  return &transport;
}

}  // namespace recital::serve
