# binhyen_module(NAME <module> [DEPS <modules>...] [LIBS <libraries>...])
#
# Declares src/<module> as the static library binhyen_<module>: every *.cc of the folder and its
# subfolders except *_test.cc. Tests (*_test.cc beside the code) build into <module>_test and run
# under CTest. Includes are rooted at src/.
set(BINHYEN_WARNINGS -Wall -Wextra -Werror -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wimplicit-fallthrough)
set(BINHYEN_ALL_SOURCES "" CACHE INTERNAL "")
# Test code itself (GoogleTest and the test bodies, not the libraries under test) is compiled at
# -O1 in Release: it compiles in about half the time of -O3, and the tests' time is spent in the
# libraries, which keep -O3. (A test that inlines a library's header function runs that copy at
# -O1; the release benchmarks in bench/ are not tests and keep -O3 throughout.)
set(BINHYEN_TEST_OPTIONS $<$<CONFIG:Release>:-O1>)

function(binhyen_module)
  cmake_parse_arguments(M "" "NAME" "DEPS;LIBS;TEST_LIBS" ${ARGN})
  file(GLOB_RECURSE all_cc CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB_RECURSE all_h CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  set(srcs "")
  set(tests "")
  foreach(f ${all_cc})
    if(f MATCHES "_test\\.cc$")
      list(APPEND tests ${f})
    else()
      list(APPEND srcs ${f})
    endif()
  endforeach()
  set(BINHYEN_ALL_SOURCES ${BINHYEN_ALL_SOURCES} ${all_cc} ${all_h} CACHE INTERNAL "")

  set(target binhyen_${M_NAME})
  if(srcs)
    add_library(${target} STATIC ${srcs})
    set(scope PUBLIC)
    target_compile_options(${target} PRIVATE ${BINHYEN_WARNINGS})
  else()
    # A module still being written (headers only, or nothing yet).
    add_library(${target} INTERFACE)
    set(scope INTERFACE)
  endif()
  add_library(binhyen::${M_NAME} ALIAS ${target})
  target_include_directories(${target} ${scope} ${PROJECT_SOURCE_DIR}/src
                             ${CMAKE_BINARY_DIR}/generated)
  foreach(dep ${M_DEPS})
    target_link_libraries(${target} ${scope} binhyen_${dep})
  endforeach()
  if(M_LIBS)
    target_link_libraries(${target} ${scope} ${M_LIBS})
  endif()

  if(BINHYEN_TESTS AND tests)
    add_executable(${M_NAME}_test ${tests})
    target_compile_options(${M_NAME}_test PRIVATE ${BINHYEN_WARNINGS} ${BINHYEN_TEST_OPTIONS})
    target_link_libraries(${M_NAME}_test PRIVATE ${target} ${M_TEST_LIBS} GTest::gmock
                          GTest::gtest_main)
    target_compile_definitions(${M_NAME}_test PRIVATE
                               BINHYEN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${M_NAME}_test DISCOVERY_MODE PRE_TEST
                         PROPERTIES LABELS "unit;${M_NAME}")
  endif()
endfunction()
