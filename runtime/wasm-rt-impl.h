/*
 * wasm-rt-impl.h -- upstream-compatible trap catching for C hosts written against WABT's runtime.
 *
 *     int code = wasm_rt_impl_try();
 *     if (code == 0) { ... call into the sandbox ... } else { ... code is a wasm_rt_trap_t ... }
 *
 * Like upstream it does not nest and needs no "end": each call makes the calling function the only catch point of
 * the thread (discarding any WASM_RT_TRY frames still pushed), and it stays armed until the next call.  Prefer
 * WASM_RT_TRY / wasm_rt_try_end from wasm-rt.h, which nest.
 */
#ifndef WASM_RT_IMPL_H_
#define WASM_RT_IMPL_H_

#include "wasm-rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Makes the thread's single upstream-style frame the only active frame and returns it (not yet armed). */
wasm_rt_try_frame_t* wasm_rt_impl_try_frame(void);

#define wasm_rt_impl_try() WASM_RT_SETJMP(wasm_rt_impl_try_frame()->env)

#ifdef __cplusplus
}
#endif

#endif /* WASM_RT_IMPL_H_ */
