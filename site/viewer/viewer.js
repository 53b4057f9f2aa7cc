/*
 * DepthFM for Fiji: a small offline viewer for the PLY files of 'depthfm export3d' and Export 3D.
 * Classic scripts only (three.js r147's three.min.js, PLYLoader and OrbitControls), because browsers
 * refuse module scripts on pages opened from disk, and the site must work from disk.
 *
 * Each <div class="viewer3d" data-sample="NAME"> shows the file whose bytes a data script put in
 * window.DEPTHFM_SAMPLES[NAME] (base64), and a file picker shows a PLY of the reader's own.
 * The exported points are in the camera's frame (x right, y down, z away from the camera); the
 * viewer turns them 180 degrees about x so that up is up, and looks at them from the camera's side.
 * window.depthfmViewer reports what was drawn (for the site's browser test).
 */
(function () {
    'use strict';

    var BACKGROUND = '#f3f1ec';

    function webglAvailable() {
        try {
            var canvas = document.createElement('canvas');
            return !!(window.WebGLRenderingContext && (canvas.getContext('webgl2') || canvas.getContext('webgl')));
        } catch (e) {
            return false;
        }
    }

    function decode(base64) {
        var text = atob(base64);
        var bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) {
            bytes[i] = text.charCodeAt(i);
        }
        return bytes.buffer;
    }

    /** The header's comment line (unit, relative or metric, camera), or ''. */
    function comment(buffer) {
        var head = new TextDecoder('utf-8').decode(new Uint8Array(buffer, 0, Math.min(buffer.byteLength, 4096)));
        var match = /\ncomment ([^\n]*)\n/.exec(head);
        return match ? match[1] : '';
    }

    function start(box, report) {
        var status = box.querySelector('.viewer3d-status');
        if (!webglAvailable()) {
            status.textContent = 'This browser cannot draw 3D (no WebGL). Open the PLY file in MeshLab, CloudCompare'
                + ' or Blender instead.';
            return;
        }
        var width = box.clientWidth || 800;
        var height = Math.round(width * 0.6);
        var renderer = new THREE.WebGLRenderer({antialias: true, preserveDrawingBuffer: true});
        renderer.setPixelRatio(window.devicePixelRatio || 1);
        renderer.setSize(width, height);
        renderer.domElement.setAttribute('aria-label', 'The mesh in 3D: drag to turn, scroll to zoom');
        box.insertBefore(renderer.domElement, status);

        var scene = new THREE.Scene();
        scene.background = new THREE.Color(BACKGROUND);
        scene.add(new THREE.HemisphereLight(0xffffff, 0x8d8070, 0.9));
        var sun = new THREE.DirectionalLight(0xffffff, 0.5);
        sun.position.set(1, 2, 3);
        scene.add(sun);
        var camera = new THREE.PerspectiveCamera(40, width / height, 0.001, 1000);
        var controls = new THREE.OrbitControls(camera, renderer.domElement);
        var shown = null;

        function render() {
            renderer.render(scene, camera);
            report.frames++;
        }

        function show(buffer, name) {
            var geometry = new THREE.PLYLoader().parse(buffer);
            var colours = !!geometry.getAttribute('color');
            var object;
            if (geometry.index) {
                if (!geometry.getAttribute('normal')) {
                    geometry.computeVertexNormals();
                }
                object = new THREE.Mesh(geometry, new THREE.MeshLambertMaterial({
                    vertexColors: colours, color: colours ? 0xffffff : 0xb0a898, side: THREE.DoubleSide}));
            } else {
                object = new THREE.Points(geometry, new THREE.PointsMaterial({
                    vertexColors: colours, color: colours ? 0xffffff : 0x706860, size: 2, sizeAttenuation: false}));
            }
            // camera frame (y down, z away) to the viewer's (y up, z toward the reader)
            object.rotation.x = Math.PI;
            if (shown) {
                scene.remove(shown);
                shown.geometry.dispose();
            }
            scene.add(object);
            shown = object;
            object.updateMatrixWorld(true);
            // frame the surface from the camera's side, a little from the upper right to show its relief
            var box = new THREE.Box3().setFromObject(object);
            var size = box.getSize(new THREE.Vector3());
            var centre = box.getCenter(new THREE.Vector3());
            var t = Math.tan(THREE.MathUtils.degToRad(camera.fov / 2));
            var distance = Math.max(1.12 * Math.max(size.y / 2 / t, size.x / 2 / (t * camera.aspect)) + size.z / 2,
                1e-6);
            controls.target.copy(centre);
            camera.position.set(centre.x + 0.15 * distance, centre.y + 0.1 * distance, centre.z + distance);
            camera.near = distance / 100;
            camera.far = distance * 100;
            camera.updateProjectionMatrix();
            controls.update();
            report.name = name;
            report.vertices = geometry.getAttribute('position').count;
            report.triangles = geometry.index ? geometry.index.count / 3 : 0;
            report.comment = comment(buffer);
            status.textContent = name + ': ' + (report.triangles > 0 ? report.vertices + ' vertices, '
                + report.triangles + ' triangles' : report.vertices + ' points') + '. ' + report.comment;
            render();
        }

        controls.addEventListener('change', render);
        var samples = window.DEPTHFM_SAMPLES || {};
        var sample = box.getAttribute('data-sample');
        if (sample && samples[sample]) {
            show(decode(samples[sample]), sample);
        }
        var picker = box.querySelector('input[type=file]');
        if (picker) {
            picker.addEventListener('change', function () {
                var file = picker.files[0];
                if (!file) {
                    return;
                }
                var reader = new FileReader();
                reader.onload = function () {
                    try {
                        show(reader.result, file.name);
                    } catch (e) {
                        status.textContent = file.name + ' is not a PLY file this viewer can read: ' + e.message;
                    }
                };
                reader.readAsArrayBuffer(file);
            });
        }
    }

    var report = {frames: 0, background: BACKGROUND, vertices: 0, triangles: 0, name: '', comment: ''};
    window.depthfmViewer = report;
    var boxes = document.querySelectorAll('.viewer3d');
    for (var i = 0; i < boxes.length; i++) {
        start(boxes[i], report);
    }
}());
