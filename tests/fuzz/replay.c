/* Replays files through a fuzz target without libFuzzer: the seed corpus
 * and every input a fuzzer ever crashed on (regressions/) run in make test,
 * under the sanitizers in check-asan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int k = 1; k < argc; k++) {
        FILE *fp = fopen(argv[k], "rb");
        if (!fp) {
            fprintf(stderr, "replay: cannot open %s\n", argv[k]);
            return 1;
        }
        static uint8_t buf[1 << 22];
        size_t n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, n);
    }
    printf("replay: %d inputs\n", argc - 1);
    return 0;
}
