package io.vitalstream.dsp;

import io.vitalstream.dsp.methods.AdaptiveFilter;
import io.vitalstream.dsp.methods.ConvolutionKernel;
import io.vitalstream.dsp.methods.Kalman;
import io.vitalstream.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding takes its defaults, ranges and choices from the registry, and nothing else. */
class ParamBinderTest {

    @Test
    void everyMethodOfTheRegistryBindsFromItsSelectorsAloneAndDesigns() {
        for (MethodRegistry.Entry e : MethodRegistry.entries()) {
            FilterParameters p = e.category().equals("traditional")
                    ? new FilterParameters(null, "lowpass", null, e.name(), null, 40.0, null, null, null, null, null, null, null, null, null, null,
                            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                            null, null, null, null, null, null, null, null, null, null, null, null, null)
                    : FilterParameters.selecting(e.category(), e.name());
            MethodParams bound = ParamBinder.bind(p);
            FilterSpec spec = FilterDesigner.design(bound, 500);
            assertTrue(spec != null, e.category() + "/" + e.name());
        }
    }

    @Test
    void defaultsAreTheRegistrysForEachMethod() {
        var nlms = (MethodParams.Adaptive) ParamBinder.bind(FilterParameters.selecting("advanced", "nlms"));
        var lms = (MethodParams.Adaptive) ParamBinder.bind(FilterParameters.selecting("advanced", "lms"));
        double nlmsDefault = ((Number) MethodRegistry.select("advanced", "nlms", null).param("step_size").defaultValue()).doubleValue();
        assertEquals(nlmsDefault, nlms.stepSize());
        assertEquals(AdaptiveFilter.Algorithm.NLMS, nlms.algorithm());
        assertEquals(0.01, lms.stepSize());
        var kalman = assertInstanceOf(MethodParams.Kalman.class, ParamBinder.bind(FilterParameters.selecting("advanced", "kalman")));
        assertEquals(Kalman.Model.CONSTANT_LEVEL, kalman.model());
        var median = (MethodParams.EnsembleOf) ParamBinder.bind(FilterParameters.selecting("ensemble", "voting"));
        assertEquals(3, median.members().size(), "vitalDSP's default members");
        assertEquals(0.1, ((MethodParams.Kalman) median.members().get(0)).measurementNoise());
    }

    @Test
    void vitalDspSpellingsOfChoicesBindToTheEngineValues() {
        FilterParameters edge = new FilterParameters("advanced", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, "convolution", null, null, null, null, null, null, null, null, null, null, null, null, null, null, "EDGE", 5, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        var c = (MethodParams.Convolution) ParamBinder.bind(edge);
        assertEquals(ConvolutionKernel.Kind.EDGE_DETECTION, c.kernel());
        assertEquals(5, c.kernelSize());
    }

    @Test
    void anUnknownChoiceOrAnOutOfRangeNumberNamesTheFieldAndTheRange() {
        FilterParameters blur = new FilterParameters("advanced", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, "convolution", null, null, null, null, null, null, null, null, null, null, null, null, null, null, "blur", null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        var e = assertThrows(InvalidParameterException.class, () -> ParamBinder.bind(blur));
        assertEquals("kernel", e.field());
        assertTrue(e.getMessage().contains("smoothing, sharpening, edge_detection"), e.getMessage());
        FilterParameters order = new FilterParameters(null, "lowpass", null, "butter", null, 40.0, 11, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        var o = assertThrows(InvalidParameterException.class, () -> ParamBinder.bind(order));
        assertEquals("filter_order", o.field());
        assertEquals("filter_order must be between 1 and 10, got 11", o.getMessage());
    }
}
