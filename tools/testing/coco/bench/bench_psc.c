// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypervisor exits to convert 1 GiB of guest memory private -> shared
 * through the GHCB, in 4 KiB pages and in 2 MiB pages, counted by the
 * hypervisor model: with this project's 253-entry requests, with
 * upstream's 64-entry requests, with the MSR protocol, next to the
 * protocol minimum (one exit per 253 entries).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../tests/sev_fixture.h"

/* A non-contiguous buffer: physical pages scattered, 4 KiB entries only. */
static u64 scattered(const void *va)
{
	return (u64)(unsigned long)va ^ 4096;
}

struct result {
	unsigned long entries;
	unsigned long exits;
};

static int run(bool scatter, unsigned int max_entries, bool msr,
	       struct result *r)
{
	static struct sev_fixture f;
	unsigned long pages = FIX_MEM_SIZE / 4096;
	int ret;

	sev_fixture_init(&f, COCO_SIM_SEV_SNP);
	ret = sev_fixture_ghcb(&f);
	if (ret)
		return ret;
	if (scatter)
		f.sim.x86.va_to_gpa = scattered;
	f.mem.max_entries = max_entries;
	if (msr)
		f.mem.ghcb = NULL;
	f.sim.x86.nr_vmgexit = 0;
	ret = coco_snp_set_memory(&f.mem, FIX_MEM_BASE, pages, true);
	r->entries = f.mem.nr_psc_entries;
	r->exits = f.sim.x86.nr_vmgexit;
	if (!ret && f.sim.x86.nr_order_violations)
		ret = -1;
	sev_fixture_fini(&f);
	return ret;
}

int main(void)
{
	static const struct {
		const char *name;
		bool scatter;
	} rows[] = {
		{ "1 GiB in 4 KiB pages", true },
		{ "1 GiB in 2 MiB pages", false },
	};
	struct result ours, up, msr;
	unsigned long min;
	unsigned int i;

	printf("PSC exits to share 1 GiB (hypervisor model counts VMGEXITs)\n");
	printf("%-22s %8s %10s %10s %10s %10s %12s %12s\n", "workload",
	       "entries", "minimum", "ours(253)", "upstrm(64)", "msr-proto",
	       "ours/min", "upstrm/ours");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (run(rows[i].scatter, 253, false, &ours) ||
		    run(rows[i].scatter, 64, false, &up) ||
		    run(rows[i].scatter, 253, true, &msr)) {
			fprintf(stderr, "bench_psc: %s: conversion failed\n",
				rows[i].name);
			return 1;
		}
		min = (ours.entries + 252) / 253;
		printf("%-22s %8lu %10lu %10lu %10lu %10lu %12.3f %12.2f\n",
		       rows[i].name, ours.entries, min, ours.exits, up.exits,
		       msr.exits, (double)ours.exits / min,
		       (double)up.exits / ours.exits);
	}
	return 0;
}
