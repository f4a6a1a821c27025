/* SPDX-License-Identifier: GPL-2.0-only */
/* coco-attest: file and hex-string helpers shared by the subcommands. */
#ifndef COCO_ATTEST_UTIL_H
#define COCO_ATTEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define INPUT_FILE_MAX	(1 << 20)	/* no input of this tool is larger */

int read_file(const char *path, size_t max, uint8_t **out, size_t *len,
	      char *err, size_t errlen);
int parse_hex(const char *s, uint8_t *out, size_t max, size_t *outlen);

#endif /* COCO_ATTEST_UTIL_H */
