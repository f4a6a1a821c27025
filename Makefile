# SPDX-License-Identifier: GPL-2.0-only
#
# coco-guest: Kbuild file for coco_guest.ko and coco_sim.ko, and the user
# entry point (make help).

ifneq ($(KERNELRELEASE),)
# ---------------------------------------------------------------- Kbuild --
CONFIG_COCO_GUEST ?= m
CONFIG_COCO_SIM ?= m

# Both arch include dirs: the simulator models x86 and s390 on every arch.
ccflags-y += -I$(src)/include -I$(src)/arch/x86/include \
	     -I$(src)/arch/s390/include

obj-$(CONFIG_COCO_GUEST) += coco_guest.o
coco_guest-y := drivers/virt/coco/guest/core.o \
		drivers/virt/coco/guest/sysfs.o \
		drivers/virt/coco/guest/attributes.o \
		drivers/virt/coco/guest/virtio_dma.o \
		drivers/virt/coco/guest/misc_name.o \
		drivers/virt/coco/guest/coco_dev.o \
		kernel/dma/coco_bounce.o \
		kernel/dma/coco_dma_ops.o \
		kernel/dma/coco_dma_bench.o
coco_guest-$(CONFIG_X86) += arch/x86/coco/platform_real.o \
			    arch/x86/coco/sev/detect.o \
			    arch/x86/coco/sev/ghcb_msr.o \
			    arch/x86/coco/sev/ghcb.o \
			    arch/x86/coco/sev/sev_setup.o \
			    arch/x86/coco/sev/snp_psc.o \
			    arch/x86/coco/sev/snp_cpuid.o \
			    arch/x86/coco/sev/insn.o \
			    arch/x86/coco/sev/vc.o \
			    arch/x86/coco/sev/vc_ioio.o \
			    arch/x86/coco/sev/vc_mmio.o \
			    arch/x86/coco/sev/string_io.o \
			    arch/x86/coco/sev/snp_msg.o \
			    arch/x86/coco/sev/cbit_verify.o \
			    drivers/virt/coco/guest/sev_runtime.o \
			    drivers/virt/coco/guest/snp_aead.o \
			    drivers/virt/coco/guest/snp_guest.o \
			    drivers/virt/coco/guest/attest_snp.o \
			    drivers/virt/coco/guest/sev_guest_dev.o \
			    drivers/virt/coco/guest/vc_selftest.o
coco_guest-$(CONFIG_S390) += arch/s390/kernel/platform_real.o \
			     arch/s390/kernel/uv.o \
			     arch/s390/kernel/uv_sched.o \
			     arch/s390/kernel/uv_share.o \
			     arch/s390/kernel/uv_attest.o \
			     arch/s390/kernel/uv_secrets.o \
			     drivers/virt/coco/guest/attest_uv.o \
			     drivers/virt/coco/guest/uv_sysfs.o \
			     drivers/virt/coco/guest/uv_runtime.o \
			     drivers/virt/coco/guest/uv_dev.o
# The configfs-tsm provider, where the kernel has the TSM core (6.7+).
coco_guest-$(CONFIG_TSM_REPORTS) += drivers/virt/coco/guest/tsm.o

obj-$(CONFIG_COCO_SIM) += coco_sim.o
coco_sim-y := drivers/virt/coco/sim/module.o \
	      drivers/virt/coco/sim/sim_x86.o \
	      drivers/virt/coco/sim/sim_x86_hv.o \
	      drivers/virt/coco/sim/sim_x86_rmp.o \
	      drivers/virt/coco/sim/sim_x86_cbit.o \
	      drivers/virt/coco/sim/sim_s390.o \
	      drivers/virt/coco/sim/sim_uv_share.o \
	      drivers/virt/coco/sim/sim_uv_attest.o \
	      drivers/virt/coco/sim/sim_uv_secrets.o \
	      drivers/virt/coco/sim/sim_fw_relay.o \
	      drivers/virt/coco/sim/sim_native_name.o

else
# ------------------------------------------------------------ user part --
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
ARCH ?= x86_64
KERNEL ?= 6.1
CELLS := x86_64/6.1 x86_64/6.12 s390x/6.1
BUILD := $(TOP)/build
export COCO_TOP := $(TOP)

ifeq ($(filter $(ARCH)/$(KERNEL),$(CELLS)),)
$(error unknown cell ARCH=$(ARCH) KERNEL=$(KERNEL); valid: $(CELLS))
endif

.PHONY: help deps modules modules-all sparse checkpatch hosted early \
	selftests guest run check bench fuzz tools clean

help:
	@echo "coco-guest"
	@echo "  make run [ARCH=x86_64|s390x] [KERNEL=6.1|6.12]  boot a guest, show what it detected"
	@echo "  make check                  everything: hosted tests, module matrix, QEMU selftests, lint"
	@echo "  make modules ARCH= KERNEL=  build coco_guest.ko and coco_sim.ko for one kernel cell"
	@echo "  make hosted                 hosted unit tests (native, ASan+UBSan, s390x under qemu-user)"
	@echo "  make early                  freestanding early-boot subset, both architectures"
	@echo "  make guest ARCH= KERNEL=    QEMU selftests in one kernel cell"
	@echo "  make checkpatch | sparse    kernel-code hygiene"
	@echo "  make bench [BOOTS=N]        measured ratios (hypervisor exits, ...); N guest boots"
	@echo "  make fuzz [SECONDS=N]       libFuzzer targets: smoke run, or N seconds each"
	@echo "  make tools                  simfw (firmware model) and coco-attest"
	@echo "  make deps                   install what is missing (apt-get)"
	@echo "  cells: $(CELLS)"

deps:
	@$(TOP)/scripts/deps.sh

modules:
	@$(TOP)/scripts/build-modules.sh $(ARCH) $(KERNEL)

modules-all:
	@for c in $(CELLS); do \
		$(TOP)/scripts/build-modules.sh $${c%/*} $${c#*/} || exit 1; \
	done

sparse:
	@for c in $(CELLS); do \
		$(TOP)/scripts/build-modules.sh --sparse $${c%/*} $${c#*/} || exit 1; \
	done

checkpatch:
	@$(TOP)/scripts/checkpatch.sh

hosted:
	@$(TOP)/scripts/deps.sh host
	@for v in native asan s390x; do \
		$(MAKE) -s -C $(TOP)/tools/testing/coco VARIANT=$$v run || exit 1; \
	done

early:
	@$(TOP)/scripts/early.sh

selftests:
	@$(TOP)/scripts/deps.sh host
	@$(MAKE) -s -C $(TOP)/tools/testing/selftests/coco ARCH=$(ARCH) \
		OUTPUT=$(BUILD)/selftests/$(ARCH)

guest:
	@$(TOP)/scripts/qemu/guest-test.sh $(ARCH) $(KERNEL)

run:
	@$(TOP)/scripts/qemu/guest-test.sh --summary $(ARCH) $(KERNEL)

check:
	@$(TOP)/scripts/check.sh

# make bench BOOTS=N: the guest part in N boots, then each row's median.
bench:
	@$(TOP)/scripts/deps.sh host
	@BOOTS=$(BOOTS) $(TOP)/scripts/bench.sh

# make fuzz: a short smoke run of every libFuzzer target;
# make fuzz SECONDS=600: each target for that long, then a table.
fuzz:
	@$(TOP)/scripts/fuzz.sh $(if $(SECONDS),long $(SECONDS),smoke)

tools:
	@$(TOP)/scripts/deps.sh host
	@$(MAKE) -s -C $(TOP)/tools/coco/simfw
	@$(MAKE) -s -C $(TOP)/tools/coco/coco-attest

clean:
	rm -rf $(BUILD)
	@$(MAKE) -s -C $(TOP)/tools/testing/coco clean
endif
