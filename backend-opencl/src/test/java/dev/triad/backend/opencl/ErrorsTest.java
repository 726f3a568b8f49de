package dev.triad.backend.opencl;

import dev.triad.spi.error.TriadException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status codes become typed exceptions naming the call, the code and the build log. */
class ErrorsTest {
    @Test
    void codesHaveTheirSpecNames() {
        assertEquals("CL_SUCCESS", ClErrors.name(0));
        assertEquals("CL_INVALID_VALUE", ClErrors.name(-30));
        assertEquals("CL_BUILD_PROGRAM_FAILURE", ClErrors.name(-11));
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", ClErrors.name(-54));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR", ClErrors.name(-1001));
        assertEquals("CL_UNKNOWN_ERROR(-9999)", ClErrors.name(-9999));
        assertTrue(ClErrors.isOutOfMemory(-4) && ClErrors.isOutOfMemory(-5) && !ClErrors.isOutOfMemory(-30));
    }

    @Test
    void exceptionCarriesCallCodeNameAndLog() {
        OpenClException e = new OpenClException("exp", "clBuildProgram(triad_f32)", -11, "<source>:3:1: error: use of undeclared identifier 'x'\n");
        assertInstanceOf(TriadException.class, e);
        assertEquals("exp", e.op());
        assertEquals("clBuildProgram(triad_f32)", e.call());
        assertEquals(-11, e.code());
        assertEquals("CL_BUILD_PROGRAM_FAILURE", e.codeName());
        assertTrue(e.getMessage().startsWith("exp: clBuildProgram(triad_f32) failed with CL_BUILD_PROGRAM_FAILURE (-11)"), e.getMessage());
        assertTrue(e.getMessage().contains("build log:\n<source>:3:1: error: use of undeclared identifier 'x'"), e.getMessage());
        OpenClException plain = new OpenClException(null, "clCreateBuffer(64 bytes)", -61, null);
        assertEquals("clCreateBuffer(64 bytes) failed with CL_INVALID_BUFFER_SIZE (-61)", plain.getMessage());
    }

    @Test
    void checkThrowsOnlyOnFailure() {
        Cl.check("clFinish", 0);
        OpenClException e = org.junit.jupiter.api.Assertions.assertThrows(OpenClException.class, () -> Cl.check("clFinish", -36));
        assertEquals("CL_INVALID_COMMAND_QUEUE", e.codeName());
    }
}
