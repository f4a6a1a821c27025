/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal JSON writer: objects, arrays, strings, numbers, booleans and
 * hex byte strings, with commas and indentation handled here so callers
 * cannot produce invalid JSON by forgetting one.
 */
#ifndef COCO_ATTEST_JSON_H
#define COCO_ATTEST_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *f);
void json_obj_begin(struct json *j, const char *key);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j, const char *key);
void json_arr_end(struct json *j);
void json_str(struct json *j, const char *key, const char *val);
void json_uint(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_hex(struct json *j, const char *key, const uint8_t *buf,
	      size_t len);
void json_hex64(struct json *j, const char *key, uint64_t val);
void json_finish(struct json *j);

#endif /* COCO_ATTEST_JSON_H */
