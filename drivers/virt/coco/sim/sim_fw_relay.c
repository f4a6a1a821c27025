// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco_sim.ko: the firmware of the simulated platform is a daemon in user
 * space (tools/coco/simfw/simfwd); this relays the models' firmware calls
 * to it through /dev/coco_sim_fw (include/coco/sim_fw_relay.h describes
 * the protocol): SNP guest requests of the x86 hypervisor model, attestation
 * and add-secret of the s390 Ultravisor model.
 *
 * The x86 model calls its hooks from VMGEXIT, with the guest's GHCB claimed
 * and preemption disabled, so they cannot wait for the daemon.  Instead a
 * request is queued and answered "pending" (the x86 model turns that into
 * a BUSY answer and the guest resends the same request after a sleep; the
 * UV model ends the call busy and the guest reissues it) until the
 * daemon's reply is there.  A request the daemon has not
 * answered within relay_timeout_ms, or any request while no daemon has the
 * device open, fails with a firmware error.
 *
 * There is one job slot.  A job keeps it until it is answered and picked
 * up, or until its deadline: a different request meanwhile is told
 * "pending" and waits its turn, and no reissue moves a deadline, so
 * concurrent callers cannot keep replacing each other's jobs forever.  A
 * job that expires while another request takes the slot is remembered
 * for one more timeout, so its caller's next reissue learns it failed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <coco/sim_fw_relay.h>
#include <coco/uv.h>
#include "sim_fw_relay.h"

static unsigned int relay_timeout_ms = 10000;
module_param(relay_timeout_ms, uint, 0644);
MODULE_PARM_DESC(relay_timeout_ms, "how long a firmware call may wait for the daemon (ms, default 10000)");

/* What the guest sees when the firmware cannot be reached. */
#define RELAY_FW_UNREACHABLE	0xffffffffU
/* UV: as a UV without the key to unseal the request. */
#define RELAY_UV_ATT_UNREACHABLE	UVC_RC_ATT_UNSEAL
#define RELAY_UV_ADD_UNREACHABLE	UVC_RC_ADD_DECRYPT

enum relay_state {
	RELAY_IDLE,	/* no job */
	RELAY_QUEUED,	/* waiting for the daemon to read it */
	RELAY_TAKEN,	/* the daemon is working on it */
	RELAY_DONE,	/* answered, waiting for the guest's reissue */
};

/* What relay_job() says. */
enum relay_answer {
	RELAY_PENDING,
	RELAY_UNREACHABLE,
	RELAY_ANSWERED,
};

/**
 * struct sim_fw_relay - the one job slot between the model and the daemon
 * @lock: protects everything below (taken from VMGEXIT: no sleeping)
 * @wq: the daemon waits here for a job
 * @sim: the machine whose firmware this is
 * @attached: the daemon has the device open
 * @state: enum relay_state
 * @kind: COCO_SIM_FW_* of the current job
 * @id: id of the current job
 * @deadline: jiffies by which the current job must be answered
 * @req_len: bytes of @req used
 * @status: the daemon's status (RELAY_DONE)
 * @resp_len: bytes of @resp used (RELAY_DONE)
 * @req: the current job's input
 * @resp: the daemon's output (RELAY_DONE)
 * @scratch: where a hook builds its job's input
 * @certs: the certificate table, NULL before the daemon gave one
 * @certs_len: its length
 * @lost_kind: COCO_SIM_FW_* of the job that expired when another took the
 *	slot, 0 for none
 * @lost_len: bytes of @lost used
 * @lost_until: jiffies after which nobody is waiting for that news
 * @lost: that job's input, until its caller asks again
 * @nr_jobs: jobs handed to the daemon
 * @nr_timeouts: jobs that failed because the daemon did not answer
 */
struct sim_fw_relay {
	spinlock_t lock;	/* the job slot; taken from VMGEXIT */
	wait_queue_head_t wq;
	struct coco_sim *sim;
	bool attached;
	enum relay_state state;
	u32 kind;
	u32 id;
	unsigned long deadline;
	u32 req_len;
	u32 status;
	u32 resp_len;
	u8 req[COCO_SIM_FW_DATA_MAX];
	u8 resp[COCO_SIM_FW_DATA_MAX];
	u8 scratch[COCO_SIM_FW_DATA_MAX];
	u8 *certs;
	size_t certs_len;
	u32 lost_kind;
	u32 lost_len;
	unsigned long lost_until;
	u8 lost[COCO_SIM_FW_DATA_MAX];
	unsigned long nr_jobs;
	unsigned long nr_timeouts;
};

static struct sim_fw_relay *relay;

/* Under r->lock: is the input in r->scratch that of the current job? */
static bool relay_same(struct sim_fw_relay *r, u32 kind, u32 len)
{
	return r->kind == kind && r->req_len == len &&
	       !memcmp(r->req, r->scratch, len);
}

/*
 * Under r->lock: the job of @kind whose input is in r->scratch (@len
 * bytes).  The guest reissues an unanswered call with the same input, so
 * the same input is the same job.
 */
static enum relay_answer relay_job(struct sim_fw_relay *r, u32 kind, u32 len)
{
	bool same;

	if (!r->attached) {
		r->state = RELAY_IDLE;
		return RELAY_UNREACHABLE;
	}
	if (r->lost_kind && time_after(jiffies, r->lost_until))
		r->lost_kind = 0;
	if (r->lost_kind == kind && r->lost_len == len &&
	    !memcmp(r->lost, r->scratch, len)) {
		r->lost_kind = 0;
		return RELAY_UNREACHABLE;
	}
	same = r->state != RELAY_IDLE && relay_same(r, kind, len);
	if (r->state == RELAY_DONE && same) {
		r->state = RELAY_IDLE;
		return RELAY_ANSWERED;
	}
	if (r->state != RELAY_IDLE) {
		/* Queued, with the daemon, or answered: it keeps the slot. */
		if (!time_after(jiffies, r->deadline))
			return RELAY_PENDING;
		r->state = RELAY_IDLE;
		r->nr_timeouts++;
		if (same)
			return RELAY_UNREACHABLE;
		/* Expired under another caller: tell its owner next time. */
		memcpy(r->lost, r->req, r->req_len);
		r->lost_len = r->req_len;
		r->lost_kind = r->kind;
		r->lost_until = jiffies + msecs_to_jiffies(relay_timeout_ms);
	}
	memcpy(r->req, r->scratch, len);
	r->kind = kind;
	r->req_len = len;
	r->id++;
	r->state = RELAY_QUEUED;
	r->deadline = jiffies + msecs_to_jiffies(relay_timeout_ms);
	wake_up_interruptible(&r->wq);
	return RELAY_PENDING;
}

/* The SNP model's guest_request hook: never sleeps. */
static u32 relay_guest_request(void *ctx, const u8 *req, u8 *resp)
{
	struct sim_fw_relay *r = ctx;
	unsigned long flags;
	u32 ret;

	spin_lock_irqsave(&r->lock, flags);
	memcpy(r->scratch, req, COCO_SIM_FW_PAGE);
	switch (relay_job(r, COCO_SIM_FW_SNP_GUEST_REQUEST, COCO_SIM_FW_PAGE)) {
	case RELAY_PENDING:
		ret = COCO_SIM_FW_PENDING;
		break;
	case RELAY_ANSWERED:
		ret = r->status;
		if (!ret && r->resp_len == COCO_SIM_FW_PAGE)
			memcpy(resp, r->resp, COCO_SIM_FW_PAGE);
		else if (!ret)
			ret = RELAY_FW_UNREACHABLE;
		break;
	default:
		ret = RELAY_FW_UNREACHABLE;
		break;
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return ret;
}

/* The SNP model's certs hook: answered from the daemon's table. */
static int relay_certs(void *ctx, u8 *buf, size_t len, size_t *needed)
{
	struct sim_fw_relay *r = ctx;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&r->lock, flags);
	*needed = r->certs_len;
	if (r->certs_len > len) {
		ret = -ENOSPC;
	} else {
		if (r->certs_len)
			memcpy(buf, r->certs, r->certs_len);
		memset(buf + r->certs_len, 0, len - r->certs_len);
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return ret;
}

/* The UV model's attest hook: never sleeps. */
static u16 relay_uv_attest(void *ctx, const u8 *arcb, const u8 *user_data,
			   u16 user_data_len, const u8 *cuid, u8 *meas,
			   u32 meas_len, u8 *add_data, u32 add_data_len)
{
	struct sim_fw_relay *r = ctx;
	struct coco_sim_fw_uv_attest in = {};
	u32 arcb_len = coco_get_be32(arcb + UV_REQ_HDR_OFF_LEN);
	unsigned long flags;
	u16 ret;

	/* What does not fit the relay, the firmware cannot unseal. */
	if (arcb_len < UV_REQ_HDR_LEN ||
	    arcb_len > COCO_SIM_FW_DATA_MAX - sizeof(in) ||
	    user_data_len > sizeof(in.user_data) ||
	    meas_len > COCO_SIM_FW_DATA_MAX ||
	    add_data_len > COCO_SIM_FW_DATA_MAX - meas_len)
		return RELAY_UV_ATT_UNREACHABLE;
	in.arcb_len = arcb_len;
	in.user_data_len = user_data_len;
	in.meas_len = meas_len;
	in.add_data_len = add_data_len;
	memcpy(in.config_uid, cuid, sizeof(in.config_uid));
	memcpy(in.user_data, user_data, user_data_len);

	spin_lock_irqsave(&r->lock, flags);
	memcpy(r->scratch, &in, sizeof(in));
	memcpy(r->scratch + sizeof(in), arcb, arcb_len);
	switch (relay_job(r, COCO_SIM_FW_UV_ATTEST, sizeof(in) + arcb_len)) {
	case RELAY_PENDING:
		ret = COCO_SIM_UV_RC_PENDING;
		break;
	case RELAY_ANSWERED:
		ret = r->status;
		if (ret != UVC_RC_EXECUTED)
			break;
		if (r->resp_len != meas_len + add_data_len) {
			ret = RELAY_UV_ATT_UNREACHABLE;
			break;
		}
		memcpy(meas, r->resp, meas_len);
		if (add_data_len)
			memcpy(add_data, r->resp + meas_len, add_data_len);
		break;
	default:
		ret = RELAY_UV_ATT_UNREACHABLE;
		break;
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return ret;
}

/* Under r->lock: the daemon's secret into @secret, false if malformed. */
static bool relay_uv_secret(struct sim_fw_relay *r,
			    struct coco_sim_uv_secret *secret)
{
	struct coco_sim_fw_uv_secret out;

	if (r->resp_len < sizeof(out))
		return false;
	memcpy(&out, r->resp, sizeof(out));
	if (out.len > COCO_SIM_UV_SECRET_MAX_LEN ||
	    r->resp_len != sizeof(out) + out.len)
		return false;
	secret->type = out.type;
	secret->len = out.len;
	memcpy(secret->id, out.id, sizeof(secret->id));
	memcpy(secret->value, r->resp + sizeof(out), out.len);
	return true;
}

/* The UV model's add-secret hook: never sleeps. */
static u16 relay_uv_add_secret(void *ctx, const u8 *asrcb,
			       struct coco_sim_uv_secret *secret)
{
	struct sim_fw_relay *r = ctx;
	struct coco_sim_fw_uv_add_secret in = {};
	u32 len = coco_get_be32(asrcb + UV_REQ_HDR_OFF_LEN);
	unsigned long flags;
	u16 ret;

	if (len < UV_REQ_HDR_LEN ||
	    len > COCO_SIM_FW_DATA_MAX - sizeof(in))
		return RELAY_UV_ADD_UNREACHABLE;
	memcpy(in.config_uid, r->sim->s390.config_uid, sizeof(in.config_uid));
	in.asrcb_len = len;
	spin_lock_irqsave(&r->lock, flags);
	memcpy(r->scratch, &in, sizeof(in));
	memcpy(r->scratch + sizeof(in), asrcb, len);
	switch (relay_job(r, COCO_SIM_FW_UV_ADD_SECRET, sizeof(in) + len)) {
	case RELAY_PENDING:
		ret = COCO_SIM_UV_RC_PENDING;
		break;
	case RELAY_ANSWERED:
		ret = r->status;
		if (ret == UVC_RC_EXECUTED && !relay_uv_secret(r, secret))
			ret = RELAY_UV_ADD_UNREACHABLE;
		break;
	default:
		ret = RELAY_UV_ADD_UNREACHABLE;
		break;
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return ret;
}

static struct coco_sim_snp_fw relay_snp_fw = {
	.guest_request = relay_guest_request,
	.certs = relay_certs,
};

static struct coco_sim_uv_firmware relay_uv_fw = {
	.attest = relay_uv_attest,
	.add_secret = relay_uv_add_secret,
};

static int relay_open(struct inode *inode, struct file *file)
{
	struct sim_fw_relay *r = relay;
	int ret = 0;

	spin_lock_irq(&r->lock);
	if (r->attached)
		ret = -EBUSY;
	r->attached = true;
	r->lost_kind = 0;
	spin_unlock_irq(&r->lock);
	return ret;
}

static int relay_release(struct inode *inode, struct file *file)
{
	struct sim_fw_relay *r = relay;

	spin_lock_irq(&r->lock);
	r->attached = false;
	/* Whatever was in flight fails at the guest's next attempt. */
	r->state = RELAY_IDLE;
	r->lost_kind = 0;
	spin_unlock_irq(&r->lock);
	return 0;
}

static ssize_t relay_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	struct sim_fw_relay *r = relay;
	struct coco_sim_fw_job *job;
	ssize_t ret;

	if (len < sizeof(*job))
		return -EINVAL;
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;
	for (;;) {
		spin_lock_irq(&r->lock);
		if (r->state == RELAY_QUEUED)
			break;
		spin_unlock_irq(&r->lock);
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out;
		}
		ret = wait_event_interruptible(r->wq,
					       READ_ONCE(r->state) == RELAY_QUEUED);
		if (ret)
			goto out;
	}
	job->kind = r->kind;
	job->id = r->id;
	job->len = r->req_len;
	memcpy(job->data, r->req, r->req_len);
	r->state = RELAY_TAKEN;
	r->nr_jobs++;
	spin_unlock_irq(&r->lock);
	len = COCO_SIM_FW_HDR_LEN + job->len;
	ret = copy_to_user(ubuf, job, len) ? -EFAULT : len;
out:
	kfree(job);
	return ret;
}

static ssize_t relay_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	struct sim_fw_relay *r = relay;
	struct coco_sim_fw_reply *rep;
	ssize_t ret = len;

	if (len < COCO_SIM_FW_HDR_LEN || len > sizeof(*rep))
		return -EINVAL;
	rep = kzalloc(sizeof(*rep), GFP_KERNEL);
	if (!rep)
		return -ENOMEM;
	if (copy_from_user(rep, ubuf, len)) {
		ret = -EFAULT;
		goto out;
	}
	if (rep->len != len - COCO_SIM_FW_HDR_LEN ||
	    rep->status == COCO_SIM_FW_PENDING ||
	    (rep->kind != COCO_SIM_FW_SNP_GUEST_REQUEST &&
	     rep->status >= COCO_SIM_UV_RC_PENDING)) {
		ret = -EINVAL;
		goto out;
	}
	spin_lock_irq(&r->lock);
	if (r->state == RELAY_TAKEN && r->id == rep->id &&
	    r->kind == rep->kind) {
		/* The hooks check the output against what they asked for. */
		r->status = rep->status;
		r->resp_len = rep->len;
		memcpy(r->resp, rep->data, rep->len);
		r->state = RELAY_DONE;
	}
	/* Otherwise a late answer to a job the guest gave up on: dropped. */
	spin_unlock_irq(&r->lock);
out:
	kfree(rep);
	return ret;
}

static int relay_get_blob(unsigned long arg, u32 max, void **out, u32 *len)
{
	struct coco_sim_fw_blob b;
	void *p;

	if (copy_from_user(&b, (void __user *)arg, sizeof(b)))
		return -EFAULT;
	if (b.reserved || !b.len || b.len > max)
		return -EINVAL;
	p = kmalloc(max == COCO_SIM_FW_PAGE ? PAGE_SIZE : b.len, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	if (copy_from_user(p, u64_to_user_ptr(b.addr), b.len)) {
		kfree(p);
		return -EFAULT;
	}
	*out = p;
	*len = b.len;
	return 0;
}

static long relay_ioctl(struct file *file, unsigned int cmd,
			unsigned long arg)
{
	struct sim_fw_relay *r = relay;
	void *p, *old;
	u32 len;
	int ret;

	switch (cmd) {
	case COCO_SIM_FW_IOC_SECRETS:
		ret = relay_get_blob(arg, COCO_SIM_FW_PAGE, &p, &len);
		if (ret)
			return ret;
		if (len != COCO_SIM_FW_PAGE) {
			kfree(p);
			return -EINVAL;
		}
		/* Once: coco_guest may already hold and use the page. */
		spin_lock_irq(&r->lock);
		if (r->sim->x86.snp_secrets) {
			ret = -EBUSY;
		} else {
			/* The content first: coco_sim_snp_secrets() acquires. */
			smp_store_release(&r->sim->x86.snp_secrets, (u8 *)p);
			p = NULL;
		}
		spin_unlock_irq(&r->lock);
		kfree(p);
		return ret;
	case COCO_SIM_FW_IOC_CERTS:
		ret = relay_get_blob(arg, COCO_SIM_FW_CERTS_MAX, &p, &len);
		if (ret)
			return ret;
		spin_lock_irq(&r->lock);
		old = r->certs;
		r->certs = p;
		r->certs_len = len;
		spin_unlock_irq(&r->lock);
		kfree(old);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations relay_fops = {
	.owner = THIS_MODULE,
	.open = relay_open,
	.release = relay_release,
	.read = relay_read,
	.write = relay_write,
	.unlocked_ioctl = relay_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice relay_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = COCO_SIM_FW_NAME,
	.fops = &relay_fops,
	.mode = 0600,
};

/**
 * coco_sim_fw_relay_init() - make the daemon the firmware of @sim
 * @sim: the machine
 *
 * Creates /dev/coco_sim_fw and installs the relay as the SNP firmware of
 * the x86 model and the cryptographic firmware of the Ultravisor model.
 *
 * Return: 0 or a negative errno.
 */
int coco_sim_fw_relay_init(struct coco_sim *sim)
{
	int ret;

	relay = kzalloc(sizeof(*relay), GFP_KERNEL);
	if (!relay)
		return -ENOMEM;
	spin_lock_init(&relay->lock);
	init_waitqueue_head(&relay->wq);
	relay->sim = sim;
	ret = misc_register(&relay_dev);
	if (ret) {
		kfree(relay);
		relay = NULL;
		return ret;
	}
	relay_snp_fw.ctx = relay;
	sim->x86.snp_fw = &relay_snp_fw;
	relay_uv_fw.ctx = relay;
	sim->s390.fw = &relay_uv_fw;
	return 0;
}

/**
 * coco_sim_fw_relay_exit() - remove the relay and the daemon's state
 * @sim: the machine given to coco_sim_fw_relay_init()
 *
 * Only when nothing uses the machine any more (coco_guest holds a
 * reference on coco_sim while it is bound to the seam).
 */
void coco_sim_fw_relay_exit(struct coco_sim *sim)
{
	if (!relay)
		return;
	misc_deregister(&relay_dev);
	pr_info("firmware relay: %lu calls handed to the daemon, %lu timed out\n",
		relay->nr_jobs, relay->nr_timeouts);
	sim->x86.snp_fw = NULL;
	sim->s390.fw = NULL;
	kfree(sim->x86.snp_secrets);
	sim->x86.snp_secrets = NULL;
	kfree(relay->certs);
	kfree(relay);
	relay = NULL;
}
