#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shapes.h"

struct shape *shape_new(enum shape_kind kind, const char *name, uint64_t id) {
  struct shape *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->kind = kind;
  strncpy(s->name, name, SHAPES_NAME_MAX - 1);
  s->id = id;
  s->scale = 1.0;
  s->style.r = 255;
  s->style.width = 1.5f;
  return s;
}

void shape_free(struct shape *s) { free(s); }

int shape_add_point(struct shape *s, int32_t x, int32_t y) {
  if (s->npoints >= SHAPES_MAX_POINTS) return -1;
  s->points[s->npoints].x = x;
  s->points[s->npoints].y = y;
  s->npoints++;
  return (int)s->npoints;
}

double shape_perimeter(const struct shape *s) {
  double sum = 0;
  for (size_t i = 0; i < s->npoints && i < SHAPES_MAX_POINTS; i++) sum += s->points[i].x + s->points[i].y;
  return sum * s->scale;
}

uint64_t shape_checksum(const struct shape *s) {
  uint64_t h = s->id ^ SHAPES_MAGIC;
  for (size_t i = 0; i < s->npoints && i < SHAPES_MAX_POINTS; i++) h = h * 31u + (uint32_t)s->points[i].x * 7u + (uint32_t)s->points[i].y;
  return h + s->flags;
}

long shape_area_hint(const struct shape *s, long bias) { return s->area_hint + bias; }

size_t shape_visit(const struct shape *s, point_visitor visit, void *user) {
  size_t n = 0;
  for (; n < s->npoints && n < SHAPES_MAX_POINTS; n++) visit(&s->points[n], user);
  return n;
}

size_t shape_visit_hooks(const struct shape *s, const struct shape_hooks *hooks) {
  if (!hooks->on_point) return 0;
  return shape_visit(s, hooks->on_point, hooks->user);
}

size_t shape_describe(const struct shape *s, char *buf, size_t len) {
  int n = snprintf(buf, len, "%s: kind %d, %zu points, flags %u", s->name, (int)s->kind, s->npoints, (unsigned)s->flags);
  return n < 0 ? 0 : (size_t)n;
}

uint64_t shapes_magic(void) { return SHAPES_MAGIC; }
