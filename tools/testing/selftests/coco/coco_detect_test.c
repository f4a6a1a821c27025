// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest check of platform detection: /sys/kernel/coco_guest must report
 * what this machine is, judged independently of the module: from CPUID or
 * STFLE executed here in user space on the real seam, from coco_sim's own
 * parameters on the simulated one.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#include "coco_tap.h"

#define SYSFS "/sys/kernel/coco_guest/"
#define SIM_PARAMS "/sys/module/coco_sim/parameters/"

static bool read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/*
 * What the real machine can be, seen from user space: "none" when the
 * hardware rules a confidential guest out, NULL when only the module can
 * tell (user space cannot read SEV_STATUS or issue UV calls).
 */
static const char *real_expectation(void)
{
#if defined(__x86_64__)
	unsigned int eax, ebx, ecx, edx;

	__cpuid(0x80000000, eax, ebx, ecx, edx);
	if (eax < 0x8000001f)
		return "none";
	__cpuid(0x8000001f, eax, ebx, ecx, edx);
	return (eax & 0x2) ? NULL : "none";
#elif defined(__s390x__)
	register unsigned long r0 asm("0") = 3;
	uint64_t fac[4] = { 0 };

	asm volatile(".insn s,0xb2b00000,0(%1)"
		     : "+d" (r0) : "a" (fac) : "memory", "cc");
	return ((fac[2] >> (63 - (158 - 128))) & 1) ? NULL : "none";
#else
	return NULL;
#endif
}

/* What coco_sim was told to be, from its module parameters. */
static const char *sim_expectation(void)
{
	static char val[32];

#if defined(__x86_64__)
	if (!read_line(SIM_PARAMS "sev", val, sizeof(val)))
		return NULL;
	if (!strcmp(val, "none"))
		return "none";
	if (!strcmp(val, "sev"))
		return "sev";
	if (!strcmp(val, "es"))
		return "sev-es";
	if (!strcmp(val, "snp"))
		return "sev-snp";
#elif defined(__s390x__)
	if (!read_line(SIM_PARAMS "pv", val, sizeof(val)))
		return NULL;
	return val[0] == 'Y' ? "s390-pv" : "none";
#endif
	return NULL;
}

/* The attributes each platform must have (cc_platform_has table, PV rule). */
static const char *required_attributes(const char *platform)
{
	if (!strcmp(platform, "none"))
		return "";
	if (!strcmp(platform, "sev"))
		return "mem_encrypt unroll_string_io restricted_virtio";
	if (!strcmp(platform, "sev-es"))
		return "mem_encrypt state_encrypt restricted_virtio";
	if (!strcmp(platform, "sev-snp"))
		return "mem_encrypt state_encrypt sev_snp restricted_virtio";
	if (!strcmp(platform, "s390-pv"))
		return "mem_encrypt restricted_virtio ultravisor";
	return NULL;
}

static void check_arch_files(const char *platform)
{
#if defined(__x86_64__)
	char cbit[16], status[32];
	unsigned long long st = 0;
	unsigned int c = 0;
	bool ok = read_line(SYSFS "cbit", cbit, sizeof(cbit)) &&
		  read_line(SYSFS "sev_status", status, sizeof(status)) &&
		  sscanf(cbit, "%u", &c) == 1 &&
		  sscanf(status, "%llx", &st) == 1;

	tap_diag("cbit %u, sev_status 0x%llx", c, st);
	if (!strcmp(platform, "none"))
		tap_result(ok && c == 0 && st == 0, "x86: no C-bit, no SEV_STATUS");
	else
		tap_result(ok && c >= 12 && c < 64 && (st & 1),
			   "x86: C-bit in range, SEV_STATUS.SEV set");
#elif defined(__s390x__)
	unsigned long long w[4] = { 0 };
	char calls[80];
	bool ok = read_line(SYSFS "uv_calls", calls, sizeof(calls)) &&
		  sscanf(calls, "%llx %llx %llx %llx",
			 &w[0], &w[1], &w[2], &w[3]) == 4;
	bool share = ok && ((w[0] >> (63 - 8)) & 1) && ((w[0] >> (63 - 9)) & 1);

	char pvg[8], fac0[24];
	unsigned long long f0 = 0;
	bool pv = !strcmp(platform, "s390-pv");

	tap_diag("uv_calls %s", ok ? calls : "(unreadable)");
	if (!pv)
		tap_result(ok && !share, "s390: share calls not installed");
	else
		tap_result(share, "s390: both share calls installed");

	/* uv/ mirrors /sys/firmware/uv: prot_virt_guest and query/. */
	tap_result(read_line(SYSFS "uv/prot_virt_guest", pvg, sizeof(pvg)) &&
		   !strcmp(pvg, pv ? "1" : "0"),
		   "s390: uv/prot_virt_guest matches the platform");
	tap_result(read_line(SYSFS "uv/query/facilities", fac0, sizeof(fac0)) &&
		   sscanf(fac0, "%llx", &f0) == 1 && f0 == w[0],
		   "s390: uv/query/facilities matches uv_calls");
#else
	tap_skip("arch files", "unsupported architecture");
#endif
}

int main(void)
{
	char platform[32], attrs[256], seam[32];
	const char *want, *req;

	if (access(SYSFS, F_OK))
		tap_exit_skip_all("coco_guest is not loaded");

#if defined(__s390x__)
	tap_header(7);
#else
	tap_header(5);
#endif
	tap_result(read_line(SYSFS "platform", platform, sizeof(platform)) &&
		   required_attributes(platform) != NULL,
		   "platform is a known kind");
	tap_result(read_line(SYSFS "seam", seam, sizeof(seam)) &&
		   (!strcmp(seam, "real") || !strcmp(seam, "coco_sim")),
		   "seam is real or coco_sim");
	tap_diag("platform %s, seam %s", platform, seam);

	want = strcmp(seam, "coco_sim") ? real_expectation() : sim_expectation();
	if (want) {
		tap_diag("expected %s", want);
		tap_result(!strcmp(platform, want),
			   "platform matches the machine");
	} else {
		tap_skip("platform matches the machine",
			 "user space cannot tell this machine's platform");
	}

	req = required_attributes(platform);
	if (!read_line(SYSFS "attributes", attrs, sizeof(attrs)))
		attrs[0] = '\0';
	tap_diag("attributes \"%s\"", attrs);
	tap_result(req && !strcmp(attrs, req), "attributes match the platform");

	check_arch_files(platform);
	return tap_finish();
}
