// What Swift's Glibc module does not export for packet capture and private network namespaces:
// `struct sockaddr_ll`, ETH_P_ALL, PACKET_*, SCM_TIMESTAMPNS, a classic BPF filter, unshare, the `lo`
// ioctls and capget. Non-variadic wrappers; each returns -1 with errno set on failure, as the C call does.
// Linux only: on other systems this header declares nothing.
#ifndef CPACKET_H
#define CPACKET_H

#ifdef __linux__
#include <stdint.h>
#include <sys/types.h>

/// `sll_pkttype` values of `struct sockaddr_ll` (<linux/if_packet.h>).
enum {
    CPACKET_HOST = 0,
    CPACKET_BROADCAST = 1,
    CPACKET_MULTICAST = 2,
    CPACKET_OTHERHOST = 3,
    CPACKET_OUTGOING = 4,
};

/// The capability number of CAP_NET_RAW (<linux/capability.h>).
enum { CPACKET_CAP_NET_RAW = 13 };

/// What `recvmsg` says about one frame besides its bytes.
typedef struct {
    /// The frame's length on the link; larger than what was copied when the buffer was too small.
    int64_t frame_length;
    /// The kernel's receive time, CLOCK_REALTIME (SO_TIMESTAMPNS); valid when `has_timestamp` is 1.
    int64_t realtime_seconds;
    int64_t realtime_nanoseconds;
    int32_t has_timestamp;
    /// The interface the frame was seen on.
    int32_t interface_index;
    /// `sll_protocol` in host order (0x0800 IPv4, 0x86DD IPv6).
    uint16_t protocol;
    /// `sll_pkttype`: CPACKET_HOST, CPACKET_OUTGOING, ...
    uint8_t packet_type;
    /// `sll_hatype`: the ARPHRD type of the interface (772 for loopback).
    uint16_t hardware_type;
} cpacket_frame_info;

/// `socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)`: protocol 0 receives nothing until bound, which makes the bind cheap.
int cpacket_open(void);

/// Binds a packet socket to one interface, for every protocol (`htons(ETH_P_ALL)`).
int cpacket_bind(int fd, int interface_index);

/// Turns on SO_TIMESTAMPNS: every frame comes with the kernel's CLOCK_REALTIME receive time.
int cpacket_enable_timestamps(int fd);

/// Attaches a classic BPF filter that keeps only the frames received by the host (not their PACKET_OUTGOING
/// copy) that carry TCP right behind an IPv4 or IPv6 header, after a 14-byte Ethernet header. Whole frames.
/// Attach it before `cpacket_bind`, so that no unfiltered frame is queued.
int cpacket_attach_tcp_filter(int fd);

/// The kernel's counters since the last call (they reset when read): frames queued and frames dropped.
int cpacket_statistics(int fd, uint32_t *packets, uint32_t *drops);

/// One frame into `buffer`, with its link-level facts and timestamp. `flags` as for recvmsg (MSG_DONTWAIT).
/// Returns the bytes copied.
ssize_t cpacket_receive(int fd, void *buffer, size_t capacity, int flags, cpacket_frame_info *info);

/// `unshare(CLONE_NEWUSER | CLONE_NEWNET)`: a user namespace of one's own, with a network namespace of its own.
int cpacket_unshare_user_and_network(void);

/// Brings an interface up: SIOCGIFFLAGS, then SIOCSIFFLAGS with IFF_UP, on `control_fd` (any AF_INET socket).
int cpacket_set_interface_up(int control_fd, const char *name);

/// Whether the interface is up (1) or down (0), by SIOCGIFFLAGS.
int cpacket_interface_is_up(int control_fd, const char *name);

/// Whether the calling thread has capability `capability` in its effective set (1 or 0), by capget.
int cpacket_has_effective_capability(int capability);

/// `pipe2(fds, O_CLOEXEC)`: a pipe whose two ends close on exec.
int cpacket_pipe(int fds[2]);

/// Names the calling thread (at most 15 bytes are kept), as `ps -L` and debuggers show it.
int cpacket_name_this_thread(const char *name);

#endif /* __linux__ */
#endif /* CPACKET_H */
