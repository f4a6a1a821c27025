// SPDX-License-Identifier: GPL-2.0-only
/*
 * String I/O helpers against the port model: unrolled, every element is one
 * IN/OUT the hypervisor can emulate from registers; otherwise one REP
 * string instruction.  Same bytes on the port either way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <coco/string_io.h>
#include "sev_fixture.h"

static int setup(void **state)
{
	static struct sev_fixture f;

	sev_fixture_init(&f, COCO_SIM_SEV);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	sev_fixture_fini(*state);
	return 0;
}

static void test_outs_unrolled_and_not(void **state)
{
	struct sev_fixture *f = *state;
	static const u8 msg[] = "unrolled string I/O";
	struct coco_sim_x86 *x = &f->sim.x86;

	coco_outs(&f->plat, true, 0xe9, 1, msg, sizeof(msg) - 1);
	assert_int_equal(x->nr_io_single, sizeof(msg) - 1);
	assert_int_equal(x->nr_io_string, 0);
	coco_outs(&f->plat, false, 0xe9, 1, msg, sizeof(msg) - 1);
	assert_int_equal(x->nr_io_string, 1);
	assert_int_equal(x->io_log_len, 2 * (sizeof(msg) - 1));
	assert_memory_equal(x->io_log, msg, sizeof(msg) - 1);
	assert_memory_equal(x->io_log + sizeof(msg) - 1, msg, sizeof(msg) - 1);
}

static void test_outs_words_little_endian(void **state)
{
	struct sev_fixture *f = *state;
	static const u8 words[] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };
	struct coco_sim_x86 *x = &f->sim.x86;

	coco_outs(&f->plat, true, 0x80, 2, words, 3);
	assert_int_equal(x->nr_io_single, 3);
	assert_int_equal(x->io_log_len, 6);
	assert_memory_equal(x->io_log, words, 6);
	coco_outs(&f->plat, true, 0x80, 4, words, 1);
	assert_memory_equal(x->io_log + 6, words, 4);
}

static void test_ins_unrolled_and_not(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_sim_x86 *x = &f->sim.x86;
	u8 a[8] = { 0 }, b[8] = { 0 };

	x->io_in_value = 0xa1b2c3d4;
	coco_ins(&f->plat, true, 0x60, 2, a, 4);
	assert_int_equal(x->nr_io_single, 4);
	coco_ins(&f->plat, false, 0x60, 2, b, 4);
	assert_int_equal(x->nr_io_string, 1);
	assert_memory_equal(a, b, sizeof(a));
	assert_int_equal(a[0], 0xd4);
	assert_int_equal(a[1], 0xc3);
	assert_int_equal(a[6], 0xd4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outs_unrolled_and_not, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_outs_words_little_endian,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_ins_unrolled_and_not, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("string_io", tests, NULL, NULL);
}
