package org.tahawul.dashboard.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.tahawul.dashboard.system.AuditLog;
import org.tahawul.dashboard.system.Catalogue;
import org.tahawul.dashboard.system.DataCalendar;

/**
 * What every controller slice ({@code @WebMvcTest} of one controller with {@code SecuritySlice}) needs
 * beside its own repositories: MockMvc, the catalogue and the data calendar stubbed by {@link Mocks},
 * and the audit log. A slice extends this and mocks its own repositories.
 */
public abstract class ControllerSlice {

    @Autowired
    protected MockMvc mvc;
    @MockitoBean
    protected Catalogue catalogue;
    @MockitoBean
    protected DataCalendar calendar;
    @MockitoBean
    protected AuditLog audit;

    @BeforeEach
    void catalogueAndCalendar() {
        Mocks.calendar(calendar);
        Mocks.catalogue(catalogue);
    }
}
