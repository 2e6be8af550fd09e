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

static void cpuid(unsigned leaf, unsigned sub, unsigned r[4]) {
    __cpuid_count(leaf, sub, r[0], r[1], r[2], r[3]);
}

void determineCPUFeatures(CPUFeatures *f) {
    unsigned r1[4], r7[4], rx[4];
    memset(f, 0, sizeof(*f));
    cpuid(1, 0, r1);
    cpuid(7, 0, r7);
    cpuid(0x80000001, 0, rx);
    unsigned ecx = r1[2], edx = r1[3];
    f->fCX8 = (edx >> 8) & 1;
    f->fCMOV = (edx >> 15) & 1;
    f->fFXSR = (edx >> 24) & 1;
    f->fHT = (edx >> 28) & 1;
    f->fMMX = (edx >> 23) & 1;
    f->fSSE = (edx >> 25) & 1;
    f->fSSE2 = (edx >> 26) & 1;
    f->fSSE3 = ecx & 1;
    f->fSSSE3 = (ecx >> 9) & 1;
    f->fSSE4_1 = (ecx >> 19) & 1;
    f->fSSE4_2 = (ecx >> 20) & 1;
    f->fPOPCNT = (ecx >> 23) & 1;
    f->fAES = (ecx >> 25) & 1;
    f->fCLMUL = (ecx >> 1) & 1;
    f->fFMA = (ecx >> 12) & 1;
    f->fF16C = (ecx >> 29) & 1;
    f->fHV = (ecx >> 31) & 1;
    f->fTSC = (edx >> 4) & 1;
    f->fFLUSH = (edx >> 19) & 1;
    /* AVX only when the OS saves the YMM state (OSXSAVE and XCR0 bits 1 and 2) */
    int osxsave = (ecx >> 27) & 1;
    unsigned long long xcr0 = 0;
    if (osxsave) {
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        xcr0 = ((unsigned long long) hi << 32) | lo;
    }
    int ymm = osxsave && (xcr0 & 6) == 6;
    f->fAVX = ymm && ((ecx >> 28) & 1);
    f->fAVX2 = ymm && ((r7[1] >> 5) & 1);
    if (!ymm) {
        f->fFMA = 0;
        f->fF16C = 0;
    }
    f->fBMI1 = (r7[1] >> 3) & 1;
    f->fBMI2 = (r7[1] >> 8) & 1;
    f->fADX = (r7[1] >> 19) & 1;
    f->fSHA = (r7[1] >> 29) & 1;
    f->fERMS = (r7[1] >> 9) & 1;
    f->fRTM = (r7[1] >> 11) & 1;
    f->fFLUSHOPT = (r7[1] >> 23) & 1;
    f->fCLWB = (r7[1] >> 24) & 1;
    f->fPKU = (r7[2] >> 3) & 1;
    f->fOSPKE = (r7[2] >> 4) & 1;
    f->fGFNI = (r7[2] >> 8) & 1;
    f->fRDPID = (r7[2] >> 22) & 1;
    f->fFSRM = (r7[3] >> 4) & 1;
    f->fSERIALIZE = (r7[3] >> 14) & 1;
    f->fLZCNT = (rx[2] >> 5) & 1;
    f->fSSE4A = (rx[2] >> 6) & 1;
    f->fAMD_3DNOW_PREFETCH = (rx[2] >> 8) & 1;
    f->fRDTSCP = (rx[3] >> 27) & 1;
    f->fVZEROUPPER = f->fAVX; /* emitted whenever AVX is used */
    unsigned r87[4];
    cpuid(0x80000007, 0, r87);
    f->fTSCINV_BIT = (r87[3] >> 8) & 1;
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
