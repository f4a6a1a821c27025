// SPDX-License-Identifier: GPL-2.0-only
/* coco-attest: file and hex-string helpers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/**
 * read_file() - read a whole file into a new buffer
 * @path: the file
 * @max: refuse files larger than this
 * @out: the buffer (free()), NULL for an empty file
 * @len: its length
 * @err: message on failure
 * @errlen: size of @err
 *
 * Return: 0 on success, -1 with @err set.
 */
int read_file(const char *path, size_t max, uint8_t **out, size_t *len,
	      char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	*out = NULL;
	*len = 0;
	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		return -1;
	}
	/* one byte more than allowed tells "too large" from "exactly max" */
	buf = malloc(max + 1);
	if (!buf) {
		fclose(f);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	n = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read %s", path);
		goto fail;
	}
	if (n > max) {
		snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
		goto fail;
	}
	fclose(f);
	*out = buf;
	*len = n;
	return 0;
fail:
	fclose(f);
	free(buf);
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/**
 * parse_hex() - hex string to bytes
 * @s: hex digits, optionally prefixed with 0x; an even number of them
 * @out: the bytes
 * @max: room in @out
 * @outlen: bytes written
 *
 * Return: 0, or -1 for a bad digit, an odd count or more than @max bytes.
 */
int parse_hex(const char *s, uint8_t *out, size_t max, size_t *outlen)
{
	size_t n, i;

	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2))
		s += 2;
	n = strlen(s);
	if (n % 2 || n / 2 > max)
		return -1;
	for (i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*outlen = n / 2;
	return 0;
}
