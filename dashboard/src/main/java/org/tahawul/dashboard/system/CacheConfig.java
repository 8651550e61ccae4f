package org.tahawul.dashboard.system;

import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.context.annotation.Configuration;

/**
 * Cache keys name the method as well as its arguments, so two queries of one cache with equal
 * arguments never share an entry. The caches themselves are Spring's in-memory maps, dropped as a
 * whole by {@link DataVersionWatcher} when the warehouse has a newer job run. Every {@code @Cacheable}
 * is {@code sync = true}: when the cache has just been dropped and a crowd asks for the same thing
 * (the first users after a monthly job run), one request runs the query and the others wait for its
 * answer, instead of all of them queuing for the connection pool (bench/load saw 503s without it).
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfig implements CachingConfigurer {

    @Override
    public KeyGenerator keyGenerator() {
        return (target, method, params) -> {
            Object[] key = new Object[params.length + 1];
            key[0] = method.getDeclaringClass().getSimpleName() + "." + method.getName();
            System.arraycopy(params, 0, key, 1, params.length);
            return new SimpleKey(key);
        };
    }
}
