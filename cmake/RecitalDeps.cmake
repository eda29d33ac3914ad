# Every dependency comes from a Debian 12 package. A missing one stops configure with the
# package to install (scripts/install-deps installs them all).

function(recital_missing what package)
  message(FATAL_ERROR "Recital needs ${what}: install the Debian package '${package}' "
                      "(apt-get install -y ${package}, or run scripts/install-deps)")
endfunction()

find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
  recital_missing("pkg-config" "pkg-config")
endif()

pkg_check_modules(LMDB IMPORTED_TARGET lmdb)
if(NOT LMDB_FOUND)
  recital_missing("LMDB" "liblmdb-dev")
endif()
pkg_check_modules(ZSTD IMPORTED_TARGET libzstd)
if(NOT ZSTD_FOUND)
  recital_missing("zstd" "libzstd-dev")
endif()
pkg_check_modules(XXHASH IMPORTED_TARGET libxxhash)
if(NOT XXHASH_FOUND)
  recital_missing("xxHash" "libxxhash-dev")
endif()
pkg_check_modules(UTF8PROC IMPORTED_TARGET libutf8proc)
if(NOT UTF8PROC_FOUND)
  recital_missing("utf8proc (Unicode NFC for ingest)" "libutf8proc-dev")
endif()

pkg_check_modules(ICU_UC IMPORTED_TARGET icu-uc)
if(NOT ICU_UC_FOUND)
  recital_missing("ICU (word boundaries of Chinese text in the word diff)" "libicu-dev")
endif()

pkg_check_modules(POPPLER_CPP IMPORTED_TARGET poppler-cpp>=0.89)
if(NOT POPPLER_CPP_FOUND)
  recital_missing("poppler's C++ API (PDF releases)" "libpoppler-cpp-dev")
endif()

# `recital serve`'s HTTP transport (serve/http_transport.cc). Shared-only in Debian, so static
# builds put it in a module loaded by `recital serve` alone (serve/CMakeLists.txt). Its
# pkg-config flags (CPPHTTPLIB_*_SUPPORT) must be used: they change the library's types.
pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)
if(NOT HTTPLIB_FOUND)
  recital_missing("cpp-httplib (the web server of `recital serve`)" "libcpp-httplib-dev")
endif()

# Exports (render/): pugixml writes the XML of Akoma Ntoso and of Word documents (and ingest/
# reads Akoma Ntoso with it); minizip (zlib's contrib, over zlib) packs the .docx.
find_package(pugixml CONFIG QUIET)
if(NOT pugixml_FOUND)
  recital_missing("pugixml (Akoma Ntoso and Word XML)" "libpugixml-dev")
endif()
pkg_check_modules(MINIZIP IMPORTED_TARGET minizip)
if(NOT MINIZIP_FOUND)
  recital_missing("minizip (the .docx package)" "libminizip-dev")
endif()
if(RECITAL_BUILD_TESTS)
  # The tests validate Akoma Ntoso exports against the OASIS schema with libxml2
  # (xmlSchemaValidateDoc); the program itself never links it.
  pkg_check_modules(LIBXML2 IMPORTED_TARGET libxml-2.0)
  if(NOT LIBXML2_FOUND)
    recital_missing("libxml2 (schema validation in the tests)" "libxml2-dev")
  endif()
endif()

find_package(CapnProto CONFIG QUIET)
if(NOT CapnProto_FOUND)
  recital_missing("Cap'n Proto" "libcapnp-dev capnproto")
endif()
find_package(CLI11 CONFIG QUIET)
if(NOT CLI11_FOUND)
  recital_missing("CLI11" "libcli11-dev")
endif()
find_package(fmt CONFIG QUIET)
if(NOT fmt_FOUND)
  recital_missing("fmt" "libfmt-dev")
endif()
find_package(nlohmann_json CONFIG QUIET)
if(NOT nlohmann_json_FOUND)
  recital_missing("nlohmann-json" "nlohmann-json3-dev")
endif()
if(RECITAL_BUILD_TESTS)
  find_package(GTest CONFIG QUIET)
  if(NOT GTest_FOUND)
    recital_missing("GoogleTest" "libgtest-dev libgmock-dev")
  endif()
endif()
if(RECITAL_BUILD_BENCH)
  find_package(benchmark CONFIG QUIET)
  if(NOT benchmark_FOUND)
    recital_missing("Google Benchmark" "libbenchmark-dev")
  endif()
endif()

# RECITAL_STATIC: link the C/C++ libraries from their Debian static archives (.a) instead of
# their shared objects, and fmt header-only (Debian ships no libfmt.a). Measured on a
# 1,000-release archive (`perf stat -e task-clock -r 40 recital show SYMBOL`): 0.76 ms CPU
# static vs 4.4 ms with the shared libraries (mapping and relocating 13 objects dominated every
# short command). `--eh-frame-hdr` keeps exceptions cheap: without it a static binary sorts
# every FDE on the first throw (CLI11 throws for --help/--version: 5 ms).
# poppler (PDF releases) has no static archive in Debian and pulls in ~30 shared objects (3 ms
# at every start). So with RECITAL_STATIC, cli/ links `recital` with everything static but the
# C library (libstdc++ and libgcc too), no longer as a static PIE, and ingest/ builds the PDF
# reader as a module, recital-pdf.so beside the binary, which `recital` loads with dlopen on
# the first PDF it meets: commands that read no PDF never load poppler. Without RECITAL_STATIC
# ingest links poppler directly. Off for sanitizer and fuzz builds (their runtimes want the
# shared C++ runtime).
set(RECITAL_FMT_TARGET fmt::fmt)
set(RECITAL_PUGIXML_TARGET pugixml::pugixml)
if(RECITAL_STATIC)
  # TARGET=lib[,lib...]: the pkg-config target's shared objects are replaced by these archives
  # (minizip's also names zlib).
  foreach(pair "PkgConfig::LMDB=lmdb" "PkgConfig::ZSTD=zstd" "PkgConfig::XXHASH=xxhash"
               "PkgConfig::UTF8PROC=utf8proc" "PkgConfig::MINIZIP=minizip,z"
               "CapnProto::capnp=capnp" "CapnProto::kj=kj")
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 target)
    list(GET pair 1 libs)
    string(REPLACE "," ";" libs "${libs}")
    set(archives "")
    foreach(lib IN LISTS libs)
      find_library(RECITAL_STATIC_${lib} NAMES lib${lib}.a)
      if(NOT RECITAL_STATIC_${lib})
        message(FATAL_ERROR "RECITAL_STATIC: lib${lib}.a not found (configure with -DRECITAL_STATIC=OFF)")
      endif()
      list(APPEND archives ${RECITAL_STATIC_${lib}})
    endforeach()
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")  # pkg-config targets: the library is a link item
      get_target_property(deps ${target} INTERFACE_LINK_LIBRARIES)
      foreach(lib IN LISTS libs)
        list(FILTER deps EXCLUDE REGEX "lib${lib}(-[0-9.]+)?\\.so")
      endforeach()
      set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES ${archives} ${deps})
    else()  # Cap'n Proto's config imports the shared object as the target's location
      set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION ${archives})
    endif()
  endforeach()
  find_package(Threads REQUIRED)
  # ICU: the common library, then its data (the break rules and the Chinese dictionary), in
  # that order.
  foreach(lib icuuc icudata)
    find_library(RECITAL_STATIC_${lib} NAMES lib${lib}.a)
    if(NOT RECITAL_STATIC_${lib})
      message(FATAL_ERROR "RECITAL_STATIC: lib${lib}.a not found (configure with -DRECITAL_STATIC=OFF)")
    endif()
  endforeach()
  set_property(TARGET PkgConfig::ICU_UC PROPERTY INTERFACE_LINK_LIBRARIES
               ${RECITAL_STATIC_icuuc} ${RECITAL_STATIC_icudata} Threads::Threads ${CMAKE_DL_LIBS} m)
  set(RECITAL_FMT_TARGET fmt::fmt-header-only)
  # pugixml's package config has both; its default target is the shared one.
  set(RECITAL_PUGIXML_TARGET pugixml::static)
endif()

# recital_module(NAME [DEPS...]): a library from every .cc file in the current folder, with the
# project root on its include path, as target recital_NAME and alias recital::NAME.
function(recital_module name)
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER srcs EXCLUDE REGEX ".*_fuzz\\.cc$")
  if(srcs)
    add_library(recital_${name} STATIC ${srcs})
    target_include_directories(recital_${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(recital_${name} PUBLIC ${ARGN})
  else()
    add_library(recital_${name} INTERFACE)
    target_include_directories(recital_${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(recital_${name} INTERFACE ${ARGN})
  endif()
  add_library(recital::${name} ALIAS recital_${name})
endfunction()
