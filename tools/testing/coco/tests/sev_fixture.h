/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A simulated SEV guest for hosted tests: the model machine, a platform
 * seam on it, a 1 GiB memory model at a fixed guest physical range (never
 * dereferenced: page state changes only move addresses around), and a GHCB
 * page in real memory outside that range.
 */
#ifndef _COCO_TEST_SEV_FIXTURE_H
#define _COCO_TEST_SEV_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include <coco/ghcb.h>
#include <coco/sev.h>
#include <coco/sev_setup.h>
#include <coco/snp_psc.h>
#include "coco_sim.h"

#define FIX_MEM_BASE	0x40000000UL
#define FIX_MEM_SIZE	(1UL << 30)
#define FIX_MEM_PAGES	(FIX_MEM_SIZE / 4096)

struct sev_fixture {
	struct coco_sim sim;
	struct coco_platform plat;
	struct coco_detection det;
	struct coco_sev_session session;
	struct coco_ghcb ghcb;
	struct coco_snp_mem mem;
	u8 *states;
	u8 *ghcb_page;
};

static inline void sev_fixture_init(struct sev_fixture *f,
				    enum coco_sim_sev_level lvl)
{
	memset(f, 0, sizeof(*f));
	f->plat = (struct coco_platform){
		.name = "test-sim",
		.priv = &f->sim,
		COCO_SIM_PLATFORM_OPS,
	};
	coco_sim_x86_configure(&f->sim, lvl);
	f->states = calloc(FIX_MEM_PAGES, 1);
	f->ghcb_page = aligned_alloc(4096, 4096);
	memset(f->ghcb_page, 0, 4096);
	coco_sim_x86_set_memory(&f->sim, FIX_MEM_BASE, FIX_MEM_SIZE, f->states);
	f->mem.plat = &f->plat;
	f->mem.max_entries = PSC_MAX_ENTRIES;
}

/* Detect, negotiate, register the GHCB; returns the first failure. */
static inline int sev_fixture_ghcb(struct sev_fixture *f)
{
	int ret = coco_sev_detect(&f->plat, &f->det);

	if (!ret)
		ret = coco_sev_setup(&f->plat, &f->det, &f->session);
	if (!ret)
		ret = coco_ghcb_init(&f->plat, &f->ghcb, f->ghcb_page,
				     f->session.version);
	f->mem.ghcb = &f->ghcb;
	return ret;
}

static inline void sev_fixture_fini(struct sev_fixture *f)
{
	free(f->states);
	free(f->ghcb_page);
}

static inline u8 fix_state(struct sev_fixture *f, unsigned long gpa)
{
	return coco_sim_x86_page_state(&f->sim, gpa);
}

#endif /* _COCO_TEST_SEV_FIXTURE_H */
