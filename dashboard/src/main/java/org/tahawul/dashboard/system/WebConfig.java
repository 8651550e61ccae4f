package org.tahawul.dashboard.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Language and period handling shared by every page and endpoint: Arabic by default, {@code ?lang=en}
 * switches and a cookie remembers the choice; a {@link PeriodSelection} argument is read from the
 * selector's URL parameters.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    static final Locale ARABIC = Locale.forLanguageTag("ar-SA");
    static final Locale ENGLISH = Locale.ENGLISH;
    static final String LANG_COOKIE = "tahawul-lang";

    /** The request attribute holding the period a handler was given (for the page model). */
    static final String PERIOD = WebConfig.class.getName() + ".period";

    private final DataCalendar calendar;
    private final MonthLabels labels;

    WebConfig(DataCalendar calendar, MonthLabels labels) {
        this.calendar = calendar;
        this.labels = labels;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANG_COOKIE) {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, supported(locale));
            }
        };
        resolver.setDefaultLocale(ARABIC);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    /** Only Arabic and English exist; anything else means Arabic. */
    static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : ARABIC;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang);
        // every page that takes a period shows it in the selector: "period" and its label "periodLabel"
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                                   ModelAndView page) {
                if (page != null && request.getAttribute(PERIOD) instanceof PeriodSelection period) {
                    page.addObject("period", period);
                    page.addObject("periodLabel", labels.period(period, LocaleContextHolder.getLocale()));
                }
            }
        });
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == PeriodSelection.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                PeriodSelection period = PeriodSelection.parse(request.getParameter("period"), request.getParameter("at"),
                        request.getParameter("from"), request.getParameter("to"), calendar.span().last());
                request.setAttribute(PERIOD, period, NativeWebRequest.SCOPE_REQUEST);
                return period;
            }
        });
    }
}
