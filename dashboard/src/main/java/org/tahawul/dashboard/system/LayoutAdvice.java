package org.tahawul.dashboard.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts {@link PageModel#common} into the model of every page controller. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final PageModel pages;

    LayoutAdvice(PageModel pages) {
        this.pages = pages;
    }

    @ModelAttribute
    void common(Model model, HttpServletRequest request) {
        if (!ErrorHandling.isApi(request)) {
            model.addAllAttributes(pages.common(request));
        }
    }
}
