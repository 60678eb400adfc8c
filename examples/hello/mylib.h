#ifndef MYLIB_H
#define MYLIB_H

/* The untrusted library of the hello example. */
void hello(void);
unsigned add(unsigned a, unsigned b);
void echo(const char* str);
void call_cb(void (*cb)(const char* str));

#endif
