/*
 * What a GraalVM distribution links into every native image from its own C libraries
 * (libchelper, libsvm_container and the libjvm that stands in for HotSpot under the JDK's
 * native libraries), written here for native/builder.sh. Built as one shared library named
 * libjvm.so, so that the JDK's shared libjava/libnio/libnet/libzip, linked in place of the
 * static ones this machine does not have, find their JVM_* functions in it and not in HotSpot.
 * The JVM_* functions the image itself does not call are generated as stubs that say so and
 * abort (native/builder.sh writes them from the libraries' undefined symbols).
 *
 * This makes a verification build, not a product: see native/README.md.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <semaphore.h>
#include <stddef.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "amd64cpufeatures.h"
#include "svm_locale.h"

/* ---- CPU features (libchelper) ---- */

/* cpuid leaves read: 1, 7, 0x80000001, 0x80000007 (indices 0 to 3); registers eax to edx (0 to 3) */
static const unsigned LEAVES[4] = {1, 7, 0x80000001, 0x80000007};

/* Each feature flag: the leaf, the register and the bit that report it. */
#define BIT(field, leaf, reg, bit) {offsetof(CPUFeatures, field), leaf, reg, bit},
static const struct {
    unsigned short offset;
    unsigned char leaf, reg, bit;
} FEATURE_BITS[] = {
    BIT(fCX8, 0, 3, 8) BIT(fCMOV, 0, 3, 15) BIT(fFXSR, 0, 3, 24) BIT(fHT, 0, 3, 28) BIT(fMMX, 0, 3, 23) BIT(fSSE, 0, 3, 25)
    BIT(fSSE2, 0, 3, 26) BIT(fTSC, 0, 3, 4) BIT(fFLUSH, 0, 3, 19) BIT(fSSE3, 0, 2, 0) BIT(fSSSE3, 0, 2, 9) BIT(fSSE4_1, 0, 2, 19)
    BIT(fSSE4_2, 0, 2, 20) BIT(fPOPCNT, 0, 2, 23) BIT(fAES, 0, 2, 25) BIT(fCLMUL, 0, 2, 1) BIT(fFMA, 0, 2, 12) BIT(fF16C, 0, 2, 29)
    BIT(fHV, 0, 2, 31) BIT(fAVX, 0, 2, 28) BIT(fBMI1, 1, 1, 3) BIT(fAVX2, 1, 1, 5) BIT(fBMI2, 1, 1, 8) BIT(fERMS, 1, 1, 9)
    BIT(fRTM, 1, 1, 11) BIT(fADX, 1, 1, 19) BIT(fFLUSHOPT, 1, 1, 23) BIT(fCLWB, 1, 1, 24) BIT(fSHA, 1, 1, 29) BIT(fPKU, 1, 2, 3)
    BIT(fOSPKE, 1, 2, 4) BIT(fGFNI, 1, 2, 8) BIT(fRDPID, 1, 2, 22) BIT(fFSRM, 1, 3, 4) BIT(fSERIALIZE, 1, 3, 14) BIT(fLZCNT, 2, 2, 5)
    BIT(fSSE4A, 2, 2, 6) BIT(fAMD_3DNOW_PREFETCH, 2, 2, 8) BIT(fRDTSCP, 2, 3, 27) BIT(fTSCINV_BIT, 3, 3, 8)
};

void determineCPUFeatures(CPUFeatures *f) {
    unsigned regs[4][4];
    memset(f, 0, sizeof(*f));
    for (int l = 0; l < 4; l++) {
        __cpuid_count(LEAVES[l], 0, regs[l][0], regs[l][1], regs[l][2], regs[l][3]);
    }
    char *flags = (char *) f;
    for (size_t i = 0; i < sizeof(FEATURE_BITS) / sizeof(FEATURE_BITS[0]); i++) {
        flags[FEATURE_BITS[i].offset] = (regs[FEATURE_BITS[i].leaf][FEATURE_BITS[i].reg] >> FEATURE_BITS[i].bit) & 1;
    }
    /* the AVX family only when the OS saves the YMM state (OSXSAVE, and XCR0 bits 1 and 2) */
    int ymm = 0;
    if ((regs[0][2] >> 27) & 1) {
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        ymm = (lo & 6) == 6;
    }
    if (!ymm) {
        f->fAVX = f->fAVX2 = f->fFMA = f->fF16C = 0;
    }
    f->fVZEROUPPER = f->fAVX; /* emitted whenever AVX is used */
    f->fTSCINV = f->fTSCINV_BIT;
}

/*
 * The build-time features come as the complement of a features struct: a required feature's
 * byte is 0xFE, any other 0xFF, so a byte ORed with the machine's (1 when present) must give
 * 0xFF everywhere. 0 when the machine has them all.
 */
int checkCPUFeatures(const unsigned char *buildtime) {
    CPUFeatures now;
    determineCPUFeatures(&now);
    const unsigned char *have = (const unsigned char *) &now;
    for (size_t i = 0; i < sizeof(CPUFeatures); i++) {
        if ((unsigned char) (have[i] | buildtime[i]) != 0xFF) {
            return 1;
        }
    }
    return 0;
}

int checkCPUFeaturesOrExit(const unsigned char *buildtime, const char *message) {
    if (checkCPUFeatures(buildtime) != 0) {
        fputs(message, stderr);
        exit(1);
    }
    return 0;
}

/* ---- small libc wrappers (libchelper) ---- */

int getThreadId(void) {
    return (int) syscall(SYS_gettid);
}

int fprintfSD(FILE *stream, const char *format, const char *s, int d) {
    return fprintf(stream, format, s, d);
}

int openSII(const char *path, int flags, int mode) {
    return open(path, flags, mode);
}

void *mremapP(void *old, size_t old_size, size_t new_size, int flags, void *new_address) {
    return mremap(old, old_size, new_size, flags, new_address);
}

/* ---- sun.misc.Signal support (libchelper): a pending count per signal and a semaphore ---- */

static volatile sig_atomic_t pending[NSIG];
static sem_t signal_semaphore;
static int signal_open;

int cSunMiscSignal_open(void) {
    if (signal_open) {
        return -1;
    }
    memset((void *) pending, 0, sizeof(pending));
    if (sem_init(&signal_semaphore, 0, 0) != 0) {
        return -1;
    }
    signal_open = 1;
    return 0;
}

int cSunMiscSignal_close(void) {
    if (!signal_open) {
        return -1;
    }
    signal_open = 0;
    return sem_destroy(&signal_semaphore);
}

int cSunMiscSignal_awaitSemaphore(void) {
    int r;
    do {
        r = sem_wait(&signal_semaphore);
    } while (r != 0 && errno == EINTR);
    return r;
}

int cSunMiscSignal_signalSemaphore(void) {
    return sem_post(&signal_semaphore);
}

int cSunMiscSignal_signalRangeCheck(int signal) {
    return signal > 0 && signal < NSIG;
}

/* The lowest signal with a pending count, taken; -1 when none. */
int cSunMiscSignal_checkPendingSignal(void) {
    for (int s = 1; s < NSIG; s++) {
        if (pending[s] > 0) {
            pending[s]--;
            return s;
        }
    }
    return -1;
}

static void count_signal(int signal, siginfo_t *info, void *context) {
    if (cSunMiscSignal_signalRangeCheck(signal)) {
        pending[signal]++;
        sem_post(&signal_semaphore);
    }
}

void *cSunMiscSignal_signalHandlerFunctionPointer(void) {
    return (void *) count_signal;
}

/* ---- locale (libchelper), from the C library's settings; English defaults ---- */

static svm_locale_props_t locale_props;

int svm_initialize_locale(void) {
    locale_props.display_language = locale_props.format_language = "en";
    locale_props.display_country = locale_props.format_country = "US";
    locale_props.display_script = locale_props.format_script = "";
    locale_props.display_variant = locale_props.format_variant = "";
    return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
}

svm_locale_props_t *svm_get_locale(void) {
    return &locale_props;
}

/* The default time zone: $TZ, else the name /etc/localtime links to, else UTC (caller frees). */
char *SVM_FindJavaTZmd(const char *java_home, int length) {
    const char *tz = getenv("TZ");
    if (tz != NULL && *tz != '\0') {
        return strdup(*tz == ':' ? tz + 1 : tz);
    }
    char link[4096];
    ssize_t n = readlink("/etc/localtime", link, sizeof(link) - 1);
    if (n > 0) {
        link[n] = '\0';
        const char *zone = strstr(link, "zoneinfo/");
        if (zone != NULL) {
            return strdup(zone + strlen("zoneinfo/"));
        }
    }
    return strdup("UTC");
}

/* ---- containers (libsvm_container): this build reports no container, the OS's values apply ---- */

int svm_container_initialize(int version) {
    return 0; /* SUCCESS_IS_NOT_CONTAINERIZED */
}

unsigned long svm_container_physical_memory(void) {
    return (unsigned long) sysconf(_SC_PHYS_PAGES) * (unsigned long) sysconf(_SC_PAGESIZE);
}

int svm_container_active_processor_count(void) {
    return (int) sysconf(_SC_NPROCESSORS_ONLN);
}

/* ---- the JVM interface the image itself calls (libjvm) ---- */

void initialize(void) {
}

jint JVM_ActiveProcessorCount(void) {
    return (jint) sysconf(_SC_NPROCESSORS_ONLN);
}

void *JVM_RegisterSignal(jint sig, void *handler) {
    struct sigaction next, previous;
    memset(&next, 0, sizeof(next));
    next.sa_handler = (void (*)(int)) handler;
    sigemptyset(&next.sa_mask);
    if (sigaction(sig, &next, &previous) != 0) {
        return (void *) -1;
    }
    return (void *) previous.sa_handler;
}

jlong JVM_CurrentTimeMillis(void *env, void *ignored) {
    struct timeval t;
    gettimeofday(&t, NULL);
    return (jlong) t.tv_sec * 1000 + t.tv_usec / 1000;
}

/* Runtime.halt and the end of System.exit, once the image's shutdown hooks have run */
void JVM_Halt(jint code) {
    exit(code);
}

void *JVM_FindLibraryEntry(void *handle, const char *name) {
    return dlsym(handle, name);
}

jint JVM_InitializeSocketLibrary(void) {
    return 0;
}

int jio_vsnprintf(char *str, size_t count, const char *fmt, va_list args) {
    if ((intptr_t) count <= 0) {
        return -1;
    }
    int result = vsnprintf(str, count, fmt, args);
    if (result < 0 || (size_t) result >= count) {
        str[count - 1] = '\0';
        result = -1;
    }
    return result;
}

int jio_snprintf(char *str, size_t count, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int r = jio_vsnprintf(str, count, fmt, args);
    va_end(args);
    return r;
}

int jio_vfprintf(FILE *f, const char *fmt, va_list args) {
    return vfprintf(f, fmt, args);
}

int jio_fprintf(FILE *f, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int r = vfprintf(f, fmt, args);
    va_end(args);
    return r;
}

/*
 * A static JDK library would have its JNI_OnLoad_<lib>; the shared ones have JNI_OnLoad, run
 * here. libjava also needs the platform encoding its string conversions use, which the JVM
 * sets while it starts (InitializeEncoding).
 */
static jint shared_onload(const char *lib, JavaVM *vm, void *reserved) {
    void *handle = dlopen(lib, RTLD_NOW | RTLD_NOLOAD);
    if (handle != NULL) {
        jint (*onload)(JavaVM *, void *) = (jint (*)(JavaVM *, void *)) dlsym(handle, "JNI_OnLoad");
        if (onload != NULL && onload(vm, reserved) < 0) {
            return JNI_ERR;
        }
    }
    /* a static library's entry point must ask for 1.8 or later; the shared ones ask for 1.2 */
    return JNI_VERSION_1_8;
}

jint JNI_OnLoad_java(JavaVM *vm, void *reserved) {
    jint version = shared_onload("libjava.so", vm, reserved);
    JNIEnv *env;
    void (*init_encoding)(JNIEnv *, const char *) = (void (*)(JNIEnv *, const char *)) dlsym(RTLD_DEFAULT, "InitializeEncoding");
    if (init_encoding != NULL && (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) == JNI_OK) {
        init_encoding(env, "UTF-8");
    }
    return version;
}

jint JNI_OnLoad_nio(JavaVM *vm, void *reserved) {
    return shared_onload("libnio.so", vm, reserved);
}

jint JNI_OnLoad_net(JavaVM *vm, void *reserved) {
    return shared_onload("libnet.so", vm, reserved);
}

jint JNI_OnLoad_zip(JavaVM *vm, void *reserved) {
    return shared_onload("libzip.so", vm, reserved);
}

jint JNI_OnLoad_management_ext(JavaVM *vm, void *reserved) {
    return shared_onload("libmanagement_ext.so", vm, reserved);
}
