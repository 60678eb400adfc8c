#include <stdio.h>
#include "mylib.h"

void hello(void) {
  printf("Hello from mylib\n");
  fflush(stdout);
}

unsigned add(unsigned a, unsigned b) {
  return a + b;
}

void echo(const char* str) {
  printf("echo: %s\n", str);
  fflush(stdout);
}

void call_cb(void (*cb)(const char* str)) {
  cb("hi again!");
}
