package io.vitalstream.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitalstream.io.SampleType;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Job records round-trip through their JSON files, with the API's names for strategies, formats and sample types. */
class JobStoreTest {

    @TempDir
    Path dir;

    private static JobSpec spec() {
        return new JobSpec("u1", null, null, null, null, null, 500.0, null, "ECG", null, null, "chunked", "csv");
    }

    @Test
    void aRecordRoundTripsWithItsEnumsWrittenAsTheApiNamesThem() throws Exception {
        JobStore store = new JobStore(dir);
        JobRecord r = JobRecord.queued("j1", "in.npy", Strategy.CHUNKED, "requested", 100, 10, 2, 500.0, OutputFormat.CSV, spec())
                .finished(JobState.COMPLETED, "result.csv", SampleType.FLOAT32, null);
        store.save(r);
        String json = Files.readString(dir.resolve("jobs/j1/job.json"));
        assertTrue(json.contains("\"strategy\":\"chunked\""), json);
        assertTrue(json.contains("\"output_format\":\"csv\""), json);
        assertTrue(json.contains("\"output_dtype\":\"float32\""), json);
        List<String> problems = new ArrayList<>();
        List<JobRecord> loaded = store.loadAll(problems);
        assertEquals(List.of(), problems);
        assertEquals(1, loaded.size());
        JobRecord back = loaded.get(0);
        assertEquals(Strategy.CHUNKED, back.strategy());
        assertEquals(OutputFormat.CSV, back.outputFormat());
        assertEquals(SampleType.FLOAT32, back.outputDtype());
        assertEquals("chunked", back.strategyName());
    }

    @Test
    void aStrategyStillToBeChosenIsAutoAndRecordsWrittenBeforeTheEnumsStillRead() throws Exception {
        JobStore store = new JobStore(dir);
        JobRecord r = JobRecord.queued("j2", "in.csv", null, "chosen when the CSV has been decoded", 100, 0, 0, null, OutputFormat.NPY,
                spec());
        store.save(r);
        assertEquals("auto", r.strategyName());
        // a record as the service wrote it before strategies and formats were enums
        Path old = dir.resolve("jobs/j2/job.json");
        Files.writeString(old, Files.readString(old).replace("\"strategy\":null", "\"strategy\":\"auto\""));
        JobRecord back = store.loadAll(new ArrayList<>()).get(0);
        assertNull(back.strategy());
        assertEquals(OutputFormat.NPY, back.outputFormat());
    }
}
