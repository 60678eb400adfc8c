/* Shared between the runtime's own .c files; not part of the public interface. */
#ifndef WASM_RT_INTERNAL_H_
#define WASM_RT_INTERNAL_H_

#include <stdbool.h>
#include <stdint.h>

/* True if `addr` lies inside a live guard-page memory reservation.  Async-signal-safe (lock-free reads). */
bool wasm_rt_internal_in_reservation(uintptr_t addr);

#endif
