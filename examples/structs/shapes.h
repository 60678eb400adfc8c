#ifndef SHAPES_H
#define SHAPES_H

#include <stddef.h>
#include <stdint.h>

/* The untrusted library of the structs example: shapes in the sandbox's memory. */

#define SHAPES_NAME_MAX 16
#define SHAPES_MAX_POINTS 4
#define SHAPES_FLAG_FILLED (1u << 0)
#define SHAPES_FLAG_CLOSED (1u << 1)
#define SHAPES_MAGIC 0x5348415045533031ULL

enum shape_kind { SHAPE_POINT, SHAPE_LINE, SHAPE_POLYGON = 10 };

typedef struct {
  int32_t x;
  int32_t y;
} point_t;

struct style {
  uint8_t r, g, b;
  float width;
};

struct shape {
  enum shape_kind kind;
  char name[SHAPES_NAME_MAX];
  uint32_t flags;
  uint64_t id;
  double scale;
  long area_hint;             /* 4 bytes on wasm32, 8 on x86-64 */
  size_t npoints;
  point_t points[SHAPES_MAX_POINTS];
  struct style style;
  struct shape *next;
};

typedef void (*point_visitor)(const point_t *p, void *user);

/* Callbacks stored in a struct. */
struct shape_hooks {
  point_visitor on_point;
  void *user;
};

/* A shape allocated by the library (free it with shape_free). */
struct shape *shape_new(enum shape_kind kind, const char *name, uint64_t id);
void shape_free(struct shape *s);
int shape_add_point(struct shape *s, int32_t x, int32_t y);
/* Sum of the coordinates, scaled. */
double shape_perimeter(const struct shape *s);
uint64_t shape_checksum(const struct shape *s);
long shape_area_hint(const struct shape *s, long bias);
size_t shape_visit(const struct shape *s, point_visitor visit, void *user);
size_t shape_visit_hooks(const struct shape *s, const struct shape_hooks *hooks);
/* The library writes a description of the shape into buf. */
size_t shape_describe(const struct shape *s, char *buf, size_t len);
uint64_t shapes_magic(void);

#endif
