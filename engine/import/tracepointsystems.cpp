// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracepointsystems.h"

namespace Engine {

namespace {
struct Rule {
    std::string_view prefix; // an exact name when it does not end with '_'
    std::string_view system;
};

// Checked in order: longer, more specific prefixes first.
constexpr Rule rules[] = {
    { "sys_enter_", "syscalls" },
    { "sys_exit_", "syscalls" },
    { "sys_enter", "raw_syscalls" },
    { "sys_exit", "raw_syscalls" },
    { "sched_", "sched" },
    { "irq_handler_", "irq" },
    { "softirq_", "irq" },
    { "tasklet_", "irq" },
    { "ipi_", "ipi" },
    { "hrtimer_", "timer" },
    { "timer_", "timer" },
    { "itimer_", "timer" },
    { "tick_stop", "timer" },
    { "alarmtimer_", "alarmtimer" },
    { "block_", "block" },
    { "cpu_idle", "power" },
    { "cpu_frequency", "power" },
    { "cpu_frequency_limits", "power" },
    { "clock_", "power" },
    { "power_domain_target", "power" },
    { "suspend_resume", "power" },
    { "workqueue_", "workqueue" },
    { "do_sys_open", "fs" },
    { "open_exec", "fs" },
    { "kmalloc", "kmem" },
    { "kmalloc_node", "kmem" },
    { "kfree", "kmem" },
    { "kmem_", "kmem" },
    { "mm_page_", "kmem" },
    { "rss_stat", "kmem" },
    { "mm_vmscan_", "vmscan" },
    { "mm_filemap_", "filemap" },
    { "signal_", "signal" },
    { "task_newtask", "task" },
    { "task_rename", "task" },
    { "ext4_", "ext4" },
    { "f2fs_", "f2fs" },
    { "writeback_", "writeback" },
    { "net_dev_", "net" },
    { "netif_", "net" },
    { "napi_gro_", "net" }, // napi_gro_receive_entry/exit, napi_gro_frags_*: include/trace/events/net.h
    { "napi_", "napi" },
    { "skb_", "skb" },
    { "kfree_skb", "skb" },
    { "consume_skb", "skb" },
    { "tcp_", "tcp" },
    { "sock_", "sock" },
    { "inet_sock_set_state", "sock" },
    { "rcu_", "rcu" },
    { "module_", "module" },
    { "thermal_", "thermal" },
    { "cdev_update", "thermal_power_allocator" },
    { "cpuhp_", "cpuhp" },
    { "lock_", "lock" },
    { "preempt_", "preemptirq" },
    { "irq_disable", "preemptirq" },
    { "irq_enable", "preemptirq" },
    { "page_fault_", "exceptions" },
    { "mmap_lock_", "mmap_lock" },
    { "kvm_", "kvm" },
    { "xhci_", "xhci-hcd" },
    { "i2c_", "i2c" },
    { "spi_", "spi" },
    { "regulator_", "regulator" },
    { "rpm_", "rpm" },
    { "wakeup_source_", "power" },
    { "tracing_mark_write", "ftrace" },
};
} // namespace

std::string_view tracepointSystem(std::string_view eventName)
{
    for (const Rule& rule : rules) {
        const bool isPrefix = rule.prefix.ends_with('_');
        if (isPrefix ? eventName.starts_with(rule.prefix) : eventName == rule.prefix)
            return rule.system;
    }
    return "ftrace";
}

} // namespace Engine
