// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest check of the #VC emulation against real QEMU devices: MMIO to
 * the edu device, port I/O to isa-debugcon including a REP OUTSB chunked
 * through the GHCB.  The host compares what reached debugcon byte for byte.
 * Skips unless coco_guest owns a GHCB (x86 SEV-ES/SNP, e.g. simulated).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "coco_tap.h"

#define VC_TEST "/sys/kernel/debug/coco_guest/vc_test"

static char report[1024];

static const char *field(const char *key)
{
	const char *p = strstr(report, key);

	return p ? p + strlen(key) : "";
}

int main(void)
{
	unsigned int emu = 0, direct = 1, rd = 0, val = 0, bytes = 0;
	unsigned long exits = 0;
	int result = -1, fd;
	ssize_t n;

	fd = open(VC_TEST, O_RDWR);
	if (fd < 0)
		tap_exit_skip_all("coco_guest does not own a GHCB here");
	if (write(fd, "1", 1) != 1)
		tap_exit_skip_all("vc_test did not run");
	lseek(fd, 0, SEEK_SET);
	n = read(fd, report, sizeof(report) - 1);
	close(fd);
	report[n > 0 ? n : 0] = '\0';

	sscanf(field("mmio_id emulated="), "0x%x direct=0x%x", &emu, &direct);
	sscanf(field("mmio_liveness wrote=0x12345678 read="), "0x%x", &rd);
	sscanf(field("pio_in port=0xe9 value="), "0x%x", &val);
	sscanf(field("pio_rep_outsb bytes="), "%u exits=%lu", &bytes, &exits);
	sscanf(field("result="), "%d", &result);

	tap_header(5);
	for (char *l = strtok(report, "\n"); l; l = strtok(NULL, "\n"))
		tap_diag("%s", l);

	tap_result(emu == direct && (emu & 0xff) == 0xed,
		   "MMIO read of edu's ID register emulated = direct readl");
	tap_result(rd == (unsigned int)~0x12345678U,
		   "MMIO write+read of edu liveness gives the complement");
	tap_result(val == 0xe9, "IN from debugcon reads back its port");
	tap_result(bytes == 5000 && exits == 3,
		   "REP OUTSB of 5000 bytes took ceil(5000/2032) = 3 exits");
	tap_result(result == 0, "kernel side reports no failure");
	return tap_finish();
}
