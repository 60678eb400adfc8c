/* Tiny assertion helpers for the runtime's C test programs. */
#ifndef RUNTIME_TEST_CHECK_H_
#define RUNTIME_TEST_CHECK_H_

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
      exit(1);                                                                       \
    }                                                                                \
  } while (0)

#define CHECK_EQ(a, b)                                                                               \
  do {                                                                                               \
    unsigned long long check_a_ = (unsigned long long)(a), check_b_ = (unsigned long long)(b);       \
    if (check_a_ != check_b_) {                                                                      \
      fprintf(stderr, "CHECK_EQ failed at %s:%d: %s == %s (%llu vs %llu)\n", __FILE__, __LINE__, #a, \
              #b, check_a_, check_b_);                                                               \
      exit(1);                                                                                       \
    }                                                                                                \
  } while (0)

#define PASS(name) printf("ok %s\n", name)

#endif
