#ifdef __linux__
#define _GNU_SOURCE
#include "CPacket.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int cpacket_open(void) {
    return socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
}

int cpacket_bind(int fd, int interface_index) {
    struct sockaddr_ll address;
    memset(&address, 0, sizeof address);
    address.sll_family = AF_PACKET;
    address.sll_protocol = htons(ETH_P_ALL);
    address.sll_ifindex = interface_index;
    return bind(fd, (const struct sockaddr *)&address, sizeof address);
}

int cpacket_enable_timestamps(int fd) {
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
}

int cpacket_attach_tcp_filter(int fd) {
    // Offsets in the frame: ethertype at 12, IPv4 protocol at 14 + 9, IPv6 next header at 14 + 6.
    // Jump offsets count instructions after the next one.
    struct sock_filter code[] = {
        /* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (uint32_t)(SKF_AD_OFF + SKF_AD_PKTTYPE)),
        /* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_HOST, 0, 8),
        /* 2 */ BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
        /* 3 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 2),
        /* 4 */ BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 23),
        /* 5 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_TCP, 3, 4),
        /* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IPV6, 0, 3),
        /* 7 */ BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 20),
        /* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_TCP, 0, 1),
        /* 9 */ BPF_STMT(BPF_RET | BPF_K, 0xFFFFFFFFu),
        /* 10 */ BPF_STMT(BPF_RET | BPF_K, 0),
    };
    struct sock_fprog program = { .len = sizeof code / sizeof code[0], .filter = code };
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program);
}

int cpacket_statistics(int fd, uint32_t *packets, uint32_t *drops) {
    struct tpacket_stats stats;
    socklen_t length = sizeof stats;
    if (getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &stats, &length) == -1) return -1;
    *packets = stats.tp_packets;
    *drops = stats.tp_drops;
    return 0;
}

ssize_t cpacket_receive(int fd, void *buffer, size_t capacity, int flags, cpacket_frame_info *info) {
    struct sockaddr_ll from;
    union {
        char bytes[CMSG_SPACE(sizeof(struct timespec))];
        struct cmsghdr align;
    } control;
    struct iovec vector = { .iov_base = buffer, .iov_len = capacity };
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_name = &from;
    message.msg_namelen = sizeof from;
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;

    // MSG_TRUNC: the result is the frame's whole length even when the buffer took less.
    ssize_t length = recvmsg(fd, &message, flags | MSG_TRUNC);
    if (length == -1) return -1;

    memset(info, 0, sizeof *info);
    info->frame_length = length;
    info->interface_index = from.sll_ifindex;
    info->protocol = ntohs(from.sll_protocol);
    info->packet_type = from.sll_pkttype;
    info->hardware_type = from.sll_hatype;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); c != NULL; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec stamp;
            memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
            info->realtime_seconds = stamp.tv_sec;
            info->realtime_nanoseconds = stamp.tv_nsec;
            info->has_timestamp = 1;
        }
    }
    return (size_t)length < capacity ? length : (ssize_t)capacity;
}

int cpacket_unshare_user_and_network(void) {
    return unshare(CLONE_NEWUSER | CLONE_NEWNET);
}

static int interface_flags(int control_fd, const char *name, struct ifreq *request) {
    memset(request, 0, sizeof *request);
    if (strlen(name) >= sizeof request->ifr_name) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(request->ifr_name, name);
    return ioctl(control_fd, SIOCGIFFLAGS, request);
}

int cpacket_set_interface_up(int control_fd, const char *name) {
    struct ifreq request;
    if (interface_flags(control_fd, name, &request) == -1) return -1;
    if (request.ifr_flags & IFF_UP) return 0;
    request.ifr_flags |= IFF_UP;
    return ioctl(control_fd, SIOCSIFFLAGS, &request);
}

int cpacket_interface_is_up(int control_fd, const char *name) {
    struct ifreq request;
    if (interface_flags(control_fd, name, &request) == -1) return -1;
    return (request.ifr_flags & IFF_UP) ? 1 : 0;
}

int cpacket_has_effective_capability(int capability) {
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    memset(data, 0, sizeof data);
    if (capability < 0 || capability >= 32 * _LINUX_CAPABILITY_U32S_3) {
        errno = EINVAL;
        return -1;
    }
    if (syscall(SYS_capget, &header, data) == -1) return -1;
    return (data[capability / 32].effective >> (capability % 32)) & 1u;
}

int cpacket_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int cpacket_name_this_thread(const char *name) {
    char shortened[16];
    strncpy(shortened, name, sizeof shortened - 1);
    shortened[sizeof shortened - 1] = '\0';
    return pthread_setname_np(pthread_self(), shortened);
}

#endif /* __linux__ */
